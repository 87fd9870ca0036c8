package io.kongsync.sandbox;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The balancer endpoints under {@code /upstreams/{u}} (Kong 3.9's {@code kong/api/routes/upstreams.lua}):
 * {@code /health}, {@code /targets/all} and a target's {@code /healthy} and {@code /unhealthy}.
 * <p>
 * The sandbox has no balancer and resolves no names. It answers as a Kong whose balancer has been built: IP targets
 * resolve to themselves, host names do not resolve ({@code DNS_ERROR}); an upstream whose health checks are all off
 * has no health checker, so setting a target's health is refused with 400, as Kong refuses it. Health set by hand is
 * remembered per upstream and target address; everything else is healthy.
 */
final class UpstreamEndpoints {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final SandboxState state;
    private final String nodeId;
    /** Upstream id and target address ({@code id host:port}) of the targets set unhealthy by hand. */
    private final Set<String> unhealthy = ConcurrentHashMap.newKeySet();

    UpstreamEndpoints(SandboxState state, String nodeId) {
        this.state = state;
        this.nodeId = nodeId;
    }

    /** True for the paths this class serves. Only the shape of the path counts: Kong routes on it alone. */
    static boolean serves(Request req) {
        if (!req.segment(0).equals("upstreams")) {
            return false;
        }
        return switch (req.depth()) {
            case 3 -> req.segment(2).equals("health");
            case 4 -> req.segment(2).equals("targets") && req.segment(3).equals("all");
            case 5, 6 -> req.segment(2).equals("targets") && isHealthVerb(req.segment(req.depth() - 1));
            default -> false;
        };
    }

    /** The methods Kong declares on these paths (before HEAD and OPTIONS are added). */
    static List<String> methods(Request req) {
        return req.depth() <= 4 ? List.of("GET") : List.of("PUT");
    }

    private static boolean isHealthVerb(String segment) {
        return segment.equals("healthy") || segment.equals("unhealthy");
    }

    Response handle(Request req) {
        boolean read = req.method().equals("GET") || req.method().equals("HEAD");
        if (req.depth() <= 4 ? !read : !req.method().equals("PUT")) {
            throw ApiError.methodNotAllowed();
        }
        return switch (req.depth()) {
            case 3 -> health(req);
            case 4 -> allTargets(req);
            default -> setHealth(req, req.segment(req.depth() - 1).equals("healthy"));
        };
    }

    // ---- /upstreams/{u}/health ------------------------------------------------------------------------------------

    private Response health(Request req) {
        int size = Paging.size(req.query());
        String offset = req.query().get("offset");
        boolean balancer = "1".equals(req.query().get("balancer_health"));
        return state.read(store -> {
            Map<String, Object> upstream = upstream(store, req.segment(1));
            List<Map<String, Object>> active = activeTargets(store, upstream);
            Map<String, Object> body = new LinkedHashMap<>();
            if (balancer) {
                body.put("data", balancerHealth(upstream, active));
                body.put("next", null);
                body.put("node_id", nodeId);
                return Response.of(200, body);
            }
            int start = parseOffset(offset);
            int end = Math.min(active.size(), start + size);
            List<Object> data = new ArrayList<>();
            for (int i = start; i < end; i++) {
                data.add(withHealth(upstream, active.get(i)));
            }
            body.put("data", data);
            if (end < active.size()) {
                body.put("offset", String.valueOf(end));
                body.put("next", "/upstreams/" + req.segment(1) + "/health?offset=" + end);
            } else {
                body.put("next", null);
            }
            body.put("node_id", nodeId);
            return Response.of(200, body);
        });
    }

    private static int parseOffset(String offset) {
        if (offset == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(offset));
        } catch (NumberFormatException e) {
            throw Paging.invalidOffset(offset, "bad offset");
        }
    }

    /** A target as {@code /health} lists it: the entity, its {@code health}, and the balancer's view as {@code data}. */
    private Map<String, Object> withHealth(Map<String, Object> upstream, Map<String, Object> target) {
        Map<String, Object> out = new LinkedHashMap<>(target);
        Map<String, Object> status = targetStatus(upstream, target);
        if (status == null) {
            out.put("health", "DNS_ERROR");
            return out;
        }
        String health = "HEALTHCHECKS_OFF";
        for (Object a : (List<?>) status.get("addresses")) {
            String h = String.valueOf(((Map<?, ?>) a).get("health"));
            if (h.equals("HEALTHY")) {
                health = h;
                break;
            }
            if (h.equals("UNHEALTHY")) {
                health = h;
            }
        }
        out.put("health", health);
        out.put("data", status);
        return out;
    }

    /** The balancer's status of one target, or null when its host does not resolve (a name). */
    private Map<String, Object> targetStatus(Map<String, Object> upstream, Map<String, Object> target) {
        Address address = Address.of(String.valueOf(target.get("target")));
        if (address.ip() == null) {
            return null;
        }
        int weight = ((Number) target.get("weight")).intValue();
        boolean checked = usesHealthChecks(upstream) && weight > 0;
        boolean down = checked && unhealthy.contains(key(upstream, address.text()));
        Map<String, Object> addr = new LinkedHashMap<>();
        addr.put("ip", address.ip());
        addr.put("port", address.port());
        addr.put("weight", weight);
        addr.put("health", !checked ? "HEALTHCHECKS_OFF" : down ? "UNHEALTHY" : "HEALTHY");
        Map<String, Object> weights = new LinkedHashMap<>();
        weights.put("total", weight);
        weights.put("unavailable", down ? weight : 0);
        weights.put("available", down ? 0 : weight);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("host", address.host());
        status.put("port", address.port());
        status.put("dns", address.ip().contains(":") ? "AAAA" : "A");
        status.put("nodeWeight", weight);
        status.put("weight", weights);
        status.put("addresses", List.of(addr));
        return status;
    }

    /** {@code ?balancer_health=1}: the whole balancer, healthy while more than the threshold of its weight is up. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> balancerHealth(Map<String, Object> upstream, List<Map<String, Object>> active) {
        List<Object> hosts = new ArrayList<>();
        long total = 0;
        long unavailable = 0;
        for (Map<String, Object> target : active) {
            Map<String, Object> status = targetStatus(upstream, target);
            if (status != null) {
                hosts.add(status);
                Map<String, Object> w = (Map<String, Object>) status.get("weight");
                total += ((Number) w.get("total")).longValue();
                unavailable += ((Number) w.get("unavailable")).longValue();
            }
        }
        double threshold = upstream.get("healthchecks") instanceof Map<?, ?> hc && hc.get("threshold") instanceof Number n
                ? n.doubleValue() : 0;
        boolean healthy = total > 0 && (total - unavailable) * 100.0 / total > threshold;
        Map<String, Object> weights = new LinkedHashMap<>();
        weights.put("total", total);
        weights.put("unavailable", unavailable);
        weights.put("available", total - unavailable);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("healthy", healthy);
        details.put("weight", weights);
        details.put("hosts", hosts);
        String balancerHealth = healthy ? "HEALTHY" : "UNHEALTHY";
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("health", usesHealthChecks(upstream) ? balancerHealth : "HEALTHCHECKS_OFF");
        data.put("balancer_health", balancerHealth);
        data.put("id", upstream.get("id"));
        data.put("details", details);
        return data;
    }

    // ---- /upstreams/{u}/targets/all ----------------------------------------------------------------------------------

    /** Every target of the upstream, in id order with opaque offsets, as the generic DAO pages (filters ignored). */
    private Response allTargets(Request req) {
        int size = Paging.size(req.query());
        String after = Paging.after(req.query());
        return state.read(store -> {
            Map<String, Object> upstream = upstream(store, req.segment(1));
            Table table = store.table("targets");
            var ids = table.childrenOf("upstream", (String) upstream.get("id"));
            var from = after == null ? ids : ids.tailSet(after, false);
            return Response.of(200, Paging.page(Paging.rows(table, from), size, null,
                    "/upstreams/" + req.segment(1) + "/targets/all", "", row -> row));
        });
    }

    // ---- PUT /upstreams/{u}/targets/{t}[/{address}]/(un)healthy --------------------------------------------------------

    private Response setHealth(Request req, boolean healthy) {
        return state.read(store -> {
            Map<String, Object> upstream = upstream(store, req.segment(1));
            Map<String, Object> target = target(store, upstream, req.segment(3));
            if (!usesHealthChecks(upstream)) {
                throw ApiError.message(400, "no healthchecker found for " + upstream.get("name"));
            }
            Address address = Address.of(String.valueOf(target.get("target")));
            if (req.depth() == 6) {
                address = Address.of(req.segment(4)).withDefaultPort();
            }
            String key = key(upstream, address.text());
            if (healthy) {
                unhealthy.remove(key);
            } else {
                unhealthy.add(key);
            }
            return Response.noContent();
        });
    }

    // ---- lookups -----------------------------------------------------------------------------------------------------

    private static Map<String, Object> upstream(Store store, String ident) {
        Map<String, Object> upstream = Entities.find(store, EntityType.byName("upstreams"), ident);
        if (upstream == null) {
            throw ApiError.notFound();
        }
        return upstream;
    }

    /** A target of the upstream by id, or by its address exactly as stored ({@code host:port}); 404 otherwise. */
    private static Map<String, Object> target(Store store, Map<String, Object> upstream, String ident) {
        Table table = store.table("targets");
        Object upstreamId = upstream.get("id");
        if (Ids.isUuid(ident)) {
            Map<String, Object> row = table.get(ident.toLowerCase(java.util.Locale.ROOT));
            if (row == null || !upstreamId.equals(Table.foreignId(row.get("upstream")))) {
                throw ApiError.notFound();
            }
            return row;
        }
        for (String id : table.childrenOf("upstream", (String) upstreamId)) {
            Map<String, Object> row = table.get(id);
            if (ident.equals(row.get("target"))) {
                return row;
            }
        }
        throw ApiError.notFound();
    }

    /** The upstream's targets newest first, one per address (the targets that {@code /targets} lists). */
    private static List<Map<String, Object>> activeTargets(Store store, Map<String, Object> upstream) {
        Table table = store.table("targets");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String id : table.childrenOf("upstream", (String) upstream.get("id"))) {
            rows.add(table.get(id));
        }
        rows.sort(Comparator.<Map<String, Object>, Double>comparing(r -> ((Number) r.get("created_at")).doubleValue())
                .reversed().thenComparing(r -> (String) r.get("id"), Comparator.reverseOrder()));
        Set<Object> seen = new LinkedHashSet<>();
        rows.removeIf(r -> !seen.add(r.get("target")));
        return rows;
    }

    /** Kong runs a health checker only when an active interval or a passive failure count is set. */
    private static boolean usesHealthChecks(Map<String, Object> upstream) {
        return nonZero(upstream, "active", "healthy", "interval")
                || nonZero(upstream, "active", "unhealthy", "interval")
                || nonZero(upstream, "passive", "unhealthy", "tcp_failures")
                || nonZero(upstream, "passive", "unhealthy", "timeouts")
                || nonZero(upstream, "passive", "unhealthy", "http_failures");
    }

    private static boolean nonZero(Map<String, Object> upstream, String... path) {
        Object current = upstream.get("healthchecks");
        for (String step : path) {
            current = current instanceof Map<?, ?> m ? m.get(step) : null;
        }
        return current instanceof Number n && n.doubleValue() != 0;
    }

    private static String key(Map<String, Object> upstream, String address) {
        return upstream.get("id") + " " + address;
    }

    /** A target address {@code host:port}: its host, port, and IP when the host is an IP literal. */
    private record Address(String host, Integer port, String ip) {

        static Address of(String text) {
            String host = text;
            Integer port = null;
            if (text.startsWith("[")) {
                int close = text.indexOf(']');
                host = close < 0 ? text : text.substring(0, close + 1);
                if (close >= 0 && text.length() > close + 2 && text.charAt(close + 1) == ':') {
                    port = parsePort(text.substring(close + 2));
                }
            } else if (text.indexOf(':') == text.lastIndexOf(':') && text.indexOf(':') >= 0) {
                host = text.substring(0, text.indexOf(':'));
                port = parsePort(text.substring(text.indexOf(':') + 1));
            }
            return new Address(host, port, ipOf(host));
        }

        Address withDefaultPort() {
            return port != null ? this : new Address(host, 8000, ip);
        }

        String text() {
            return port == null ? host : host + ":" + port;
        }

        private static Integer parsePort(String text) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private static String ipOf(String host) {
            String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            if (!IPV4.matcher(bare).matches() && !bare.contains(":")) {
                return null;
            }
            try {
                return InetAddress.getByName(bare).getHostAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
    }
}
