package dev.gwrun.ast;

import java.util.Arrays;
import java.util.List;

/**
 * The types a param may declare. A {@code secret} is a string that is masked as *** wherever a run
 * prints or records it, like a value read with secret(): for tokens passed with {@code -p}.
 */
public enum ParamType {
    STRING("string"), INT("int"), FLOAT("float"), BOOL("bool"), DURATION("duration"), LIST("list"), MAP("map"), SECRET("secret");

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
