package io.kongsync.schema;

import java.util.List;
import java.util.Map;

/**
 * A rule over a whole record (Kong's {@code entity_checks} and custom validators). Paths it reports are dotted and
 * relative to the record it is attached to, e.g. {@code config.redis.host}, or {@link FieldError#ENTITY}.
 */
@FunctionalInterface
public interface EntityCheck {
    List<FieldError> test(Map<String, Object> record);
}
