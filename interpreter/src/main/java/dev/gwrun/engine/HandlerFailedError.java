package dev.gwrun.engine;

import dev.gwrun.runtime.GwrunError;

/** An on failure handler itself failed: the rollback did not happen, a human is needed (exit 5). */
final class HandlerFailedError extends GwrunError {
    final GwrunError original;

    HandlerFailedError(String where, GwrunError handlerError, GwrunError original) {
        super("handler", "the on failure handler of " + where + " failed: " + handlerError.getMessage()
                + " (it was handling: " + original.getMessage() + ")", handlerError.span(), handlerError);
        this.original = original;
        inStep(original.step());
    }
}
