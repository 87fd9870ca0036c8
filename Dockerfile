# syntax=docker/dockerfile:1
#
# kongsync's image: built with the Maven wrapper on a JDK, run on the Java 21 LTS JRE as a non-root user.
#
#   docker build -t kongsync .
#   docker run --rm -p 8080:8080 -p 8081:8081 -e KONGSYNC_KONG_ADMIN_URL=http://kong:8001 kongsync   # the service
#   docker run --rm -v "$PWD/routes:/app/routes:ro" kongsync validate                                  # a CLI command
#
# Needs BuildKit (Docker 23+ by default). The jar is the same on every architecture, so the build stage runs on the
# builder's own platform and `docker buildx build --platform linux/amd64,linux/arm64` only repeats the last stage,
# whose training runs (several seconds natively) build the class-data archives for that platform's Java.

FROM --platform=$BUILDPLATFORM eclipse-temurin:21-jdk-noble AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
# The JSON Schema of the route files ships in the jar (see pom.xml's resources).
COPY docs/schema/ docs/schema/
COPY src/main/ src/main/
# The tests ran in CI; the image build compiles and packages only (the class-data archives are built in the last
# stage, by the Java that runs them). The cache mount keeps Maven's downloads.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw --batch-mode --quiet -Dmaven.test.skip=true -Dkongsync.cds.skip=true package \
 && java -Djarmode=tools -jar target/kongsync.jar extract --layers --destination /build/layers

FROM eclipse-temurin:21-jre-noble
RUN groupadd --system --gid 10001 kongsync \
 && useradd --system --uid 10001 --gid kongsync --home-dir /app --no-create-home --shell /usr/sbin/nologin kongsync \
 && mkdir -p /app /data \
 && chown kongsync:kongsync /data
WORKDIR /app
# Spring Boot's layers, least often changed first: /app/kongsync.jar runs with its libraries in /app/lib.
COPY --from=build /build/layers/dependencies/ ./
COPY --from=build /build/layers/spring-boot-loader/ ./
COPY --from=build /build/layers/snapshot-dependencies/ ./
COPY --from=build /build/layers/application/ ./
# The launcher, also on the PATH: `docker exec <container> kongsync validate`.
COPY --from=build /build/target/kongsync/bin/ ./bin/
ENV KONGSYNC_DATA_DIR=/data \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# kongsync.jsa and kongsync-kong.jsa, the class-data archives that make CLI commands start fast, from training runs by
# this image's own Java on the shipped routes/ (mounted from the build context, not copied into the image), offline
# and against the sandbox on a loopback port.
RUN --mount=type=bind,source=routes,target=/tmp/training-routes \
    KONGSYNC_CDS=train /app/bin/kongsync /tmp/training-routes \
 && ln -s /app/bin/kongsync /usr/local/bin/kongsync
USER 10001:10001
# 8080: webhooks and the REST API (server.port); 8081: /actuator/health and /actuator/prometheus (management.server.port).
EXPOSE 8080 8081
# curl is part of the eclipse-temurin images (kept there on purpose, adoptium/containers#255).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS -o /dev/null http://localhost:8081/actuator/health || exit 1
# No command (nothing, or only --name=value settings) runs the service, `kongsync serve`; a command runs that command.
# The launcher execs java with JAVA_OPTS (and KONGSYNC_JAVA_OPTS, which come after them); commands also get the
# short-run flags and the archives.
ENTRYPOINT ["/app/bin/kongsync"]
