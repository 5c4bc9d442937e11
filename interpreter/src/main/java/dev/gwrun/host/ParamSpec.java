package dev.gwrun.host;

/** One parameter of a host function: name, type, whether it must be given, and a line of doc. */
public record ParamSpec(String name, Type type, boolean required, String doc) {

    public static ParamSpec required(String name, Type type, String doc) {
        return new ParamSpec(name, type, true, doc);
    }

    public static ParamSpec optional(String name, Type type, String doc) {
        return new ParamSpec(name, type, false, doc);
    }
}
