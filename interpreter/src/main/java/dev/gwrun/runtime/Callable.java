package dev.gwrun.runtime;

import java.util.List;

/** A value that can be called: a user function declared with fn. */
public interface Callable {
    String name();

    /** Positional parameter names. */
    List<String> params();
}
