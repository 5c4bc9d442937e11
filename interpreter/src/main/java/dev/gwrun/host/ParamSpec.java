package dev.gwrun.host;

/**
 * One parameter of a host function: name, type, whether it must be given, and a line of doc.
 * {@code credential} marks a string that is a secret by what it is, whatever variable holds it (a
 * webhook URL, whose path is its token): {@code plan} never shows its value, and the function
 * registers it as a secret when called.
 */
public record ParamSpec(String name, Type type, boolean required, String doc, boolean credential) {

    public ParamSpec(String name, Type type, boolean required, String doc) {
        this(name, type, required, doc, false);
    }

    public static ParamSpec required(String name, Type type, String doc) {
        return new ParamSpec(name, type, true, doc);
    }

    public static ParamSpec optional(String name, Type type, String doc) {
        return new ParamSpec(name, type, false, doc);
    }

    /** A required string that is a credential (see above). */
    public static ParamSpec credential(String name, String doc) {
        return new ParamSpec(name, Type.STRING, true, doc, true);
    }
}
