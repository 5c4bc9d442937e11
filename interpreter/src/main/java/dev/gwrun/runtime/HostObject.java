package dev.gwrun.runtime;

import java.util.List;

/**
 * A value made by the standard library with named fields (an HTTP response, a container, an sh
 * result). Fields are read with {@code value.name}.
 */
public interface HostObject {
    /** The type name shown to users: "HTTP response". */
    String typeName();

    List<String> fieldNames();

    /** The field's value; only called with a name from fieldNames(). */
    Object field(String name);

    /** A one-line description for logs and wait reports: {@code HTTP 503 {"status":"starting"}}. */
    default String describe() {
        return Values.repr(Values.fieldsOf(this));
    }
}
