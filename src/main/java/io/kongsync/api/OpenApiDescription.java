package io.kongsync.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API's description at {@code /v3/api-docs}, checked in as {@code docs/openapi.yaml}. */
@Configuration(proxyBeanMethods = false)
class OpenApiDescription {

    static final String BEARER = "apiToken";

    @Bean
    OpenAPI kongsyncOpenApi() {
        return new OpenAPI()
                .info(new Info().title("kongsync API").version("v1")
                        .description("Syncs of Kong Gateway configuration from git: trigger them, follow them, read "
                                + "the history, the current plan and the gateway's status. Every endpoint but the "
                                + "webhooks needs `Authorization: Bearer <kongsync.api.token>`. Errors are RFC 9457 "
                                + "`application/problem+json`.")
                        .license(new License().name("Apache-2.0")))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("kongsync.api.token (KONGSYNC_API_TOKEN)")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
