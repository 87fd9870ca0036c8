package io.kongsync.sandbox;

/** An Admin API answer before it goes on the wire: status and a JSON-able body (null: no body). */
record Response(int status, Object body) {

    static Response of(int status, Object body) {
        return new Response(status, body);
    }

    static Response noContent() {
        return new Response(204, null);
    }
}
