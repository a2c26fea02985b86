package dev.memprof.recorder;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * On Ctrl-C or SIGTERM, asks the recording to stop, then holds the JVM's shutdown until the main thread has
 * finished the file (the JVM exits as soon as its shutdown hooks return). Close it when that work is done.
 */
public final class ShutdownGuard implements AutoCloseable {
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    public ShutdownGuard(Runnable requestStop) {
        hook = new Thread(() -> {
            requestStop.run();
            try {
                done.await(2, TimeUnit.MINUTES); // bounded: a stuck memprof must still die
            } catch (InterruptedException ignored) {
                // exit now
            }
        }, "memprof-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running; it returns now
        }
    }
}
