package dev.memprof.analysis.jfr;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A value in a recording, read by field name: the subset of {@code jdk.jfr.consumer.RecordedObject}
 * that memprof's reader uses, so the same event handling runs on the JDK's parser (the reference)
 * and on memprof's own ({@link JfrFile}). Porting code written against {@code RecordedObject} means
 * changing its types: {@code RecordedEvent} to {@link JfrEvent}, {@code RecordedClass} to
 * {@link JfrClass}, and so on; the methods keep their names and meaning (also {@code "a.b"} for a
 * nested field).
 */
public interface JfrObject {
    boolean hasField(String name);

    /** A {@code long}, {@code int}, {@code short}, {@code char} or {@code byte} field, widened. */
    long getLong(String name);

    int getInt(String name);

    boolean getBoolean(String name);

    /** A {@code double} or {@code float} field, or a whole-number field widened. */
    double getDouble(String name);

    String getString(String name);

    /** A field annotated {@code @Timestamp}, as the JDK converts it. */
    Instant getInstant(String name);

    /** A field annotated {@code @Timespan}, as the JDK converts it. */
    Duration getDuration(String name);

    /** A nested object (inline or from a constant pool), or null. */
    JfrObject getValue(String name);

    /** An array of objects, or null. */
    List<JfrObject> getArray(String name);

    JfrClass getClass(String name);

    JfrThread getThread(String name);
}
