package io.kongsync.inventory;

import io.kongsync.masking.MaskingPolicy;
import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.schema.CertificateChecks;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the inventory shows of an entity beyond its name: only what identifies it and where traffic goes (a service's
 * host, a route's hosts, paths and methods, a plugin's enabled flag, a certificate's SNIs and digest), never a
 * credential, a key or a plugin's configuration. A field the files mark sensitive (a substituted value) is
 * {@code (sensitive)}, and every text is masked once more by the run's {@link MaskingPolicy}.
 */
final class Facts {

    private static final List<String> SERVICE = List.of("protocol", "host", "port", "path", "enabled");
    private static final List<String> ROUTE = List.of("service", "protocols", "hosts", "paths", "methods");
    private static final List<String> PLUGIN = List.of("enabled", "instance_name");
    private static final List<String> CONSUMER = List.of("username", "custom_id");
    private static final List<String> TARGET = List.of("weight");
    private static final List<String> CERTIFICATE = List.of("snis");

    private final MaskingPolicy masking;

    Facts(MaskingPolicy masking) {
        this.masking = masking;
    }

    /**
     * The facts of an entity as Kong runs it ({@code current}), or as the files declare it when Kong does not have it.
     * Every key of its kind is present, null when unset.
     */
    Map<String, Object> of(Entity desired, Entity current) {
        Entity live = current != null ? current : desired;
        Map<String, Object> facts = new LinkedHashMap<>();
        for (String field : fieldsOf(live)) {
            facts.put(field, shown(field, live.field(field), desired, current));
        }
        switch (live.kind()) {
            case CERTIFICATE -> facts.put("cert_digest", shown("cert", digest(live.field("cert")), desired, current));
            case CA_CERTIFICATE -> facts.put("cert_digest", shown("cert_digest",
                    live.field("cert_digest") instanceof String digest ? digest : digest(live.field("cert")),
                    desired, current));
            default -> {
            }
        }
        return facts;
    }

    private static List<String> fieldsOf(Entity entity) {
        return switch (entity.kind()) {
            case SERVICE -> SERVICE;
            case ROUTE -> ROUTE;
            case PLUGIN -> PLUGIN;
            case CONSUMER -> CONSUMER;
            case TARGET -> TARGET;
            case CERTIFICATE -> CERTIFICATE;
            default -> List.of();
        };
    }

    private Object shown(String field, Object value, Entity desired, Entity current) {
        if (value == null) {
            return null;
        }
        if ((desired != null && desired.isSensitive(field)) || (current != null && current.isSensitive(field))) {
            return MaskingPolicy.MASK;
        }
        return plain(value);
    }

    private Object plain(Object value) {
        if (value instanceof EntityKey ref) {
            return ref.name();
        }
        if (value instanceof String text) {
            return masking.mask(text);
        }
        if (value instanceof Collection<?> values) {
            List<Object> out = new ArrayList<>(values.size());
            for (Object element : values) {
                out.add(plain(element));
            }
            return out;
        }
        return value;
    }

    /** Kong's digest of a certificate: the SHA-256 of its DER encoding, lowercase hex; null when it cannot be read. */
    private static String digest(Object cert) {
        if (!(cert instanceof String pem)) {
            return null;
        }
        return CertificateChecks.parseCertificate(pem.trim()).map(x509 -> {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(x509.getEncoded()));
            } catch (CertificateEncodingException e) {
                return null;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required by the Java platform", e);
            }
        }).orElse(null);
    }
}
