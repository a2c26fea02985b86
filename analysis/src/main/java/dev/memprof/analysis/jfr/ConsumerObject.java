package dev.memprof.analysis.jfr;

import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedObject;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The JDK parser's objects ({@code jdk.jfr.consumer}) seen through memprof's views: the reference
 * that memprof's own reader is tested against. Two views of the same JDK object are equal, so
 * caches keyed by views work as caches keyed by the JDK's objects.
 */
public final class ConsumerObject implements JfrEvent, JfrClass, JfrThread, JfrStackTrace, JfrFrame, JfrMethod {
    private final RecordedObject object;

    private ConsumerObject(RecordedObject object) {
        this.object = object;
    }

    public static JfrEvent of(RecordedEvent event) {
        return new ConsumerObject(event);
    }

    private static ConsumerObject wrap(Object value) {
        return value instanceof RecordedObject o ? new ConsumerObject(o) : null;
    }

    @Override public String typeName() { return ((RecordedEvent) object).getEventType().getName(); }
    @Override public boolean hasField(String name) { return object.hasField(name); }
    @Override public long getLong(String name) { return object.getLong(name); }
    @Override public int getInt(String name) { return object.getInt(name); }
    @Override public boolean getBoolean(String name) { return object.getBoolean(name); }
    @Override public double getDouble(String name) { return object.getDouble(name); }
    @Override public String getString(String name) { return object.getString(name); }
    @Override public Instant getInstant(String name) { return object.getInstant(name); }
    @Override public Duration getDuration(String name) { return object.getDuration(name); }
    @Override public JfrObject getValue(String name) { return wrap(object.getValue(name)); }
    @Override public JfrClass getClass(String name) { return wrap(object.getClass(name)); }
    @Override public JfrThread getThread(String name) { return wrap(object.getThread(name)); }

    @Override
    public List<JfrObject> getArray(String name) {
        Object value = object.getValue(name);
        if (value == null) return null;
        if (!(value instanceof Object[] array)) throw new IllegalArgumentException("\"" + name + "\" is not an array");
        List<JfrObject> elements = new ArrayList<>(array.length);
        for (Object element : array) elements.add(wrap(element));
        return elements;
    }

    @Override public Instant getStartTime() { return ((RecordedEvent) object).getStartTime(); }
    @Override public Instant getEndTime() { return ((RecordedEvent) object).getEndTime(); }
    @Override public Duration getDuration() { return ((RecordedEvent) object).getDuration(); }
    @Override public JfrThread getThread() { return wrap(((RecordedEvent) object).getThread()); }
    @Override public boolean typeHasSettings() { return !((RecordedEvent) object).getEventType().getSettingDescriptors().isEmpty(); }
    @Override public String getFrameType() { return ((RecordedFrame) object).getType(); }
    @Override public JfrStackTrace getStackTrace() { return wrap(((RecordedEvent) object).getStackTrace()); }

    @Override
    public String getName() {
        return object instanceof RecordedClass c ? c.getName() : ((RecordedMethod) object).getName();
    }

    @Override public JfrClass getType() { return wrap(((RecordedMethod) object).getType()); }
    @Override public String getDescriptor() { return ((RecordedMethod) object).getDescriptor(); }
    @Override public String getJavaName() { return ((RecordedThread) object).getJavaName(); }
    @Override public String getOSName() { return ((RecordedThread) object).getOSName(); }
    @Override public long getJavaThreadId() { return ((RecordedThread) object).getJavaThreadId(); }
    @Override public boolean isTruncated() { return ((RecordedStackTrace) object).isTruncated(); }
    @Override public JfrMethod getMethod() { return wrap(((RecordedFrame) object).getMethod()); }
    @Override public int getLineNumber() { return ((RecordedFrame) object).getLineNumber(); }
    @Override public int getBytecodeIndex() { return ((RecordedFrame) object).getBytecodeIndex(); }

    @Override
    public List<JfrFrame> getFrames() {
        List<RecordedFrame> frames = ((RecordedStackTrace) object).getFrames();
        List<JfrFrame> views = new ArrayList<>(frames.size());
        for (RecordedFrame frame : frames) views.add(new ConsumerObject(frame));
        return views;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConsumerObject o && o.object == object;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(object);
    }

    @Override
    public String toString() {
        return object.toString();
    }
}
