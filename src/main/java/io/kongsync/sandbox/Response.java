package io.kongsync.sandbox;

/** An Admin API answer before it goes on the wire: status, a JSON-able body (null: no body), extra header. */
record Response(int status, Object body) {

    static Response of(int status, Object body) {
        return new Response(status, body);
    }

    static Response noContent() {
        return new Response(204, null);
    }
}
