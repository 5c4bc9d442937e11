package dev.gwrun.stdlib.docker;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.gwrun.host.CallContext;
import dev.gwrun.runtime.Cancellation;
import dev.gwrun.runtime.GwrunError;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Runs one engine call so that cancellation (a step timeout, a wait's deadline, Ctrl-C) stops it
 * at once: streams the call attached (logs, exec, pull, build) are closed, and the calling thread
 * is interrupted, which closes the engine socket it is blocked on (docker-java's sockets are NIO
 * channels, which an interrupt closes). Every other failure goes through the given translation.
 */
public final class Calls {
    private Calls() {}

    /** The body of a call; it may attach streams to close on cancellation. */
    public interface Body<T> {
        T run(Attach attach) throws Exception;
    }

    /** Lets a call name the streams that cancelling it should close. */
    public interface Attach {
        <C extends Closeable> C closeOnCancel(C stream);
    }

    public static <T> T run(CallContext ctx, Function<Throwable, GwrunError> translate, Body<T> body) {
        Cancellation token = ctx.cancellation();
        token.check();
        Thread caller = Thread.currentThread();
        List<Closeable> attached = new CopyOnWriteArrayList<>();
        Object lock = new Object();
        boolean[] running = {true};
        Runnable hook = () -> {
            for (Closeable c : attached) closeQuietly(c);
            synchronized (lock) {
                if (running[0]) caller.interrupt();
            }
        };
        Attach attach = new Attach() {
            @Override
            public <C extends Closeable> C closeOnCancel(C stream) {
                attached.add(stream);
                if (token.isCancelled()) closeQuietly(stream);
                return stream;
            }
        };
        try (Cancellation.Registration ignored = token.onCancel(hook)) {
            return body.run(attach);
        } catch (GwrunError e) {
            token.check();
            throw e;
        } catch (Exception e) {
            token.check();
            if (e instanceof InterruptedException) throw new GwrunError("interrupted", "interrupted");
            throw translate.apply(e);
        } finally {
            synchronized (lock) {
                running[0] = false;
            }
            // Our hook's interrupt must not leak into whatever the thread does next.
            if (token.isCancelled()) Thread.interrupted();
            for (Closeable c : attached) closeQuietly(c);
        }
    }

    /** Runs an inspect: true when the engine has the object, false when it answers 404 (any other failure is thrown). */
    public static boolean found(Runnable inspect) {
        try {
            inspect.run();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException | RuntimeException ignored) {
            // closing is best effort: the call is being abandoned anyway
        }
    }
}
