package dev.gwrun.ast;

import java.util.Arrays;
import java.util.List;

/** The types a param may declare. */
public enum ParamType {
    STRING("string"), INT("int"), FLOAT("float"), BOOL("bool"), DURATION("duration"), LIST("list"), MAP("map");

    public final String keyword;

    ParamType(String keyword) { this.keyword = keyword; }

    public static ParamType byKeyword(String keyword) {
        for (ParamType t : values()) if (t.keyword.equals(keyword)) return t;
        return null;
    }

    public static List<String> keywords() {
        return Arrays.stream(values()).map(t -> t.keyword).toList();
    }
}
