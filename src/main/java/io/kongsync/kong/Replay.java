package io.kongsync.kong;

/**
 * Whether a request may be sent again after a failure whose outcome is unknown.
 * <ul>
 *   <li>{@link #ALWAYS}: repeating it has the same effect as sending it once (GET, PUT, PATCH, DELETE, DB-less
 *       {@code /config}, schema validation). Retried on connection failures, timeouts, 5xx and 429.</li>
 *   <li>{@link #IF_NOT_RECEIVED}: a plain POST, which would create a second entity if Kong had carried out the first
 *       one. Retried only when Kong cannot have acted on it: a failure while connecting, or 429/503 (Kong refuses
 *       before handling). Not after a reset, premature close, read timeout or other 5xx.</li>
 * </ul>
 */
enum Replay {
    ALWAYS,
    IF_NOT_RECEIVED
}
