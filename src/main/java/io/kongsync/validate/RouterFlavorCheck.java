package io.kongsync.validate;

import io.kongsync.model.Entity;
import io.kongsync.model.EntityKind;
import io.kongsync.model.Origin;
import io.kongsync.model.State;
import io.kongsync.schema.FieldError;
import io.kongsync.schema.KongValidator;
import io.kongsync.schema.RouterFlavor;
import io.kongsync.schema.Schemas;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Routes against Kong's {@code router_flavor}: only the expressions flavor has a route's {@code expression} and
 * {@code priority}. Files are checked for a flavor given (or Kong's default) when read; when the Kong is not known
 * yet, each route as the flavor its fields need, and {@link #check} once the Kong has told its flavor.
 */
public final class RouterFlavorCheck {

    private static final KongValidator KONG = new KongValidator();

    private RouterFlavorCheck() {
    }

    /** Kong's rules for one route as written, under {@code flavor} (null: the flavor its fields need). */
    static List<FieldError> routeErrors(Map<String, Object> fields, RouterFlavor flavor) {
        RouterFlavor checked = flavor != null ? flavor : needed(fields);
        List<FieldError> out = new ArrayList<>();
        for (FieldError error : KONG.validate(Schemas.routes(checked), fields)) {
            String refusal = checked.refusal(error.path(), flavor == RouterFlavor.DEFAULT
                    ? "(Kong's default; pass --router-flavor expressions when your Kong runs that flavor)"
                    : "(as --router-flavor says)");
            out.add(refusal != null ? new FieldError(error.path(), refusal) : error);
        }
        return out;
    }

    private static RouterFlavor needed(Map<String, Object> fields) {
        return RouterFlavor.EXPRESSIONS_ONLY_FIELDS.stream().anyMatch(f -> fields.get(f) != null)
                ? RouterFlavor.EXPRESSIONS : RouterFlavor.DEFAULT;
    }

    /**
     * The routes of {@code desired} that a Kong running {@code flavor} would refuse for their flavor's fields; empty
     * for the expressions flavor, or when the Kong does not report its flavor.
     *
     * @param kong how to name the Kong in messages ({@code the Kong at http://...})
     */
    public static List<Diagnostic> check(State desired, RouterFlavor flavor, String kong) {
        if (flavor == null || flavor == RouterFlavor.EXPRESSIONS) {
            return List.of();
        }
        List<Diagnostic> out = new ArrayList<>();
        for (Entity route : desired.ofKind(EntityKind.ROUTE)) {
            for (String field : RouterFlavor.EXPRESSIONS_ONLY_FIELDS) {
                if (route.field(field) != null) {
                    Origin at = route.origin();
                    String path = at.path().isEmpty() ? field : at.path() + "." + field;
                    out.add(new Diagnostic(new Origin(at.file(), at.line(), at.column(), path),
                            flavor.refusal(field, "(what " + kong + " runs)")));
                }
            }
        }
        return out;
    }
}
