package io.kongsync.schema;

import tools.jackson.databind.json.JsonMapper;

import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Kong's checks of a {@code keys} entity: its JWK (JSON, matching {@code kid}, loadable) and its PEM pair. */
final class KeyChecks {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Members a JWK of each key type needs before Kong's crypto library loads it (RFC 7518), each entry a list of
     * alternatives: an OKP key needs its public {@code x} or its private {@code d}, from which {@code x} follows.
     */
    private static final Map<String, List<List<String>>> REQUIRED_MEMBERS = Map.of(
            "RSA", List.of(List.of("n"), List.of("e")),
            "EC", List.of(List.of("crv"), List.of("x"), List.of("y")),
            "OKP", List.of(List.of("crv"), List.of("x", "d")),
            "oct", List.of(List.of("k")));

    private KeyChecks() {
    }

    /** Kong's custom check over {@code jwk} and {@code kid}. */
    static List<FieldError> jwk(Map<String, Object> key) {
        if (!(key.get("jwk") instanceof String jwk) || KongValidator.isVaultReference(jwk)) {
            return List.of();
        }
        Map<?, ?> parsed;
        try {
            parsed = JSON.readValue(jwk, Map.class);
        } catch (RuntimeException e) {
            return entity("could not json decode jwk string");
        }
        if (!java.util.Objects.equals(parsed.get("kid"), key.get("kid"))) {
            return entity("kid in jwk.kid must be equal to keys.kid");
        }
        List<List<String>> needed = REQUIRED_MEMBERS.get(String.valueOf(parsed.get("kty")));
        if (needed == null || !needed.stream().allMatch(anyOf -> anyOf.stream()
                .anyMatch(m -> parsed.get(m) instanceof String s && !s.isEmpty()))) {
            return entity("could not load JWK, likely not a valid key");
        }
        return List.of();
    }

    /** Kong's {@code validate_pem_keys} on the {@code pem} record. */
    static String pem(Object value) {
        if (!(value instanceof Map<?, ?> pem)) {
            return null;
        }
        Object publicText = pem.get("public_key");
        Object privateText = pem.get("private_key");
        if (isReference(publicText) || isReference(privateText)) {
            return null;
        }
        Optional<Key> publicKey = publicText instanceof String s ? CertificateChecks.parseKey(s) : Optional.empty();
        Optional<Key> privateKey = privateText instanceof String s ? CertificateChecks.parseKey(s) : Optional.empty();
        if (publicText != null && !(publicKey.orElse(null) instanceof PublicKey)) {
            return "could not load public key";
        }
        if (privateText != null && !(privateKey.orElse(null) instanceof PrivateKey)) {
            return "could not load private key";
        }
        if (publicText != null && privateText != null
                && !CertificateChecks.matches((PublicKey) publicKey.get(), privateKey.get())) {
            return "public key does not match private key";
        }
        return null;
    }

    private static boolean isReference(Object value) {
        return value instanceof String s && KongValidator.isVaultReference(s);
    }

    private static List<FieldError> entity(String message) {
        return List.of(new FieldError(FieldError.ENTITY, message));
    }
}
