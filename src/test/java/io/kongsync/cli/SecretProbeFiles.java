package io.kongsync.cli;

/** Files that substitute {@link #SECRET} from {@code ${{ env "DECK_SECRET" }}} where messages would quote it. */
public final class SecretProbeFiles {

    public static final String SECRET = "S3cr3tValue-ZQX9-PROBE";

    /** The secret in a regex path (unclosed group), a host (an underscore and '!') and a header (no colon). */
    public static final String INVALID = """
            _format_version: "3.0"
            services:
              - name: billing
                host: ${{ env "DECK_SECRET" }}.internal_!
                routes:
                  - name: billing
                    paths:
                      - ~/${{ env "DECK_SECRET" }}(
                plugins:
                  - name: request-transformer
                    config:
                      add:
                        headers:
                          - '${{ env "DECK_SECRET" }}'
            """;

    /**
     * Valid files; Kong refuses the consumer because an unmanaged one already has its custom_id, and says so quoting
     * the value.
     */
    public static final String VALID = """
            _format_version: "3.0"
            services:
              - name: billing
                host: ${{ env "DECK_SECRET" }}.internal
                routes:
                  - name: billing
                    paths:
                      - ~/${{ env "DECK_SECRET" }}$
                plugins:
                  - name: request-transformer
                    config:
                      add:
                        headers:
                          - 'x-token:${{ env "DECK_SECRET" }}'
            consumers:
              - username: partner
                custom_id: ${{ env "DECK_SECRET" }}
            """;

    private SecretProbeFiles() {
    }
}
