package dev.gwrun.stdlib.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.gwrun.host.CallContext;
import dev.gwrun.stdlib.OutputCapture;

/** A container's multiplexed stdout and stderr (of an exec, or a finished container's logs), each kept apart. */
public final class StreamCapture extends ResultCallback.Adapter<Frame> {
    private final OutputCapture out = new OutputCapture();
    private final OutputCapture err = new OutputCapture();

    @Override
    public void onNext(Frame f) {
        (f.getStreamType() == StreamType.STDERR ? err : out).appendUtf8(f.getPayload());
    }

    /** Standard output, without its last newline. */
    public String stdout() { return ContainerIO.stripNewline(out.text()); }

    /** Standard error, without its last newline. */
    public String stderr() { return ContainerIO.stripNewline(err.text()); }

    /** Shows each line of both streams as the call's output, stdout first. */
    public void show(CallContext ctx) {
        String o = stdout();
        String e = stderr();
        if (!o.isEmpty()) for (String line : o.split("\n", -1)) ctx.output("stdout", line);
        if (!e.isEmpty()) for (String line : e.split("\n", -1)) ctx.output("stderr", line);
    }
}
