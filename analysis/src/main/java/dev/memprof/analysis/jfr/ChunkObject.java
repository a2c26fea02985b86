package dev.memprof.analysis.jfr;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A value read from a {@link Chunk} on demand, by field name: a low-volume event, or an object it
 * refers to. It keeps only where its fields start; each access walks its fields from there, which
 * costs little for the small events and constants it is used for (the high-volume events are
 * aggregated without it). Constants have one view each per chunk, so they compare by identity.
 */
final class ChunkObject implements JfrEvent, JfrClass, JfrThread, JfrStackTrace, JfrFrame, JfrMethod {
    private final Chunk chunk;
    private final Metadata.Type type;
    private final int start;
    /** getName(), once read: classes and methods are asked for it once per frame. */
    private String name;

    ChunkObject(Chunk chunk, Metadata.Type type, int start) {
        this.chunk = chunk;
        this.type = type;
        this.start = start;
    }

    @Override
    public String typeName() {
        return type.name;
    }

    @Override
    public boolean hasField(String name) {
        int dot = name.indexOf('.');
        if (dot < 0) return type.fieldIndex(name) >= 0;
        JfrObject parent = hasField(name.substring(0, dot)) ? getValue(name.substring(0, dot)) : null;
        return parent != null && parent.hasField(name.substring(dot + 1));
    }

    /** The field of that name, with the chunk positioned at its value; throws like the JDK when there is none. */
    private Metadata.Field seek(String name) {
        int index = type.fieldIndex(name);
        if (index < 0) throw new IllegalArgumentException("\"" + name + "\" is not a field of " + type.name);
        chunk.pos = start;
        for (int i = 0; i < index; i++) chunk.skipField(type.fields.get(i));
        return type.fields.get(index);
    }

    /** For a dotted name, the object that holds the last part. */
    private ChunkObject holder(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0) return this;
        JfrObject parent = getValue(name.substring(0, dot));
        if (parent == null) throw new IllegalArgumentException("\"" + name + "\" has a null parent");
        return (ChunkObject) parent;
    }

    private static String last(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** A whole-number field, widened as the JDK widens it (signed, unless annotated @Unsigned). */
    private long whole(String name) {
        ChunkObject holder = holder(name);
        Metadata.Field field = holder.seek(last(name));
        if (field.array || (field.kind != Metadata.VARINT && field.kind != Metadata.BYTE) || field.type.name.equals("boolean")) {
            throw new IllegalArgumentException("\"" + name + "\" of " + type.name + " is not a whole number");
        }
        long raw = field.kind == Metadata.BYTE ? chunk.data[chunk.pos++] : chunk.readVarlong();
        return switch (field.type.name) {
            case "int" -> field.unsigned ? raw & 0xFFFFFFFFL : (int) raw;
            case "short" -> field.unsigned ? raw & 0xFFFFL : (short) raw;
            case "byte" -> field.unsigned ? raw & 0xFFL : (byte) raw;
            case "char" -> (char) raw;
            default -> raw;
        };
    }

    @Override
    public long getLong(String name) {
        return whole(name);
    }

    @Override
    public int getInt(String name) {
        return (int) whole(name);
    }

    @Override
    public boolean getBoolean(String name) {
        ChunkObject holder = holder(name);
        Metadata.Field field = holder.seek(last(name));
        if (field.array || !field.type.name.equals("boolean")) throw new IllegalArgumentException("\"" + name + "\" is not a boolean");
        return chunk.data[chunk.pos++] != 0;
    }

    @Override
    public double getDouble(String name) {
        ChunkObject holder = holder(name);
        Metadata.Field field = holder.seek(last(name));
        if (!field.array && field.kind == Metadata.DOUBLE) return chunk.buffer.getDouble(chunk.pos);
        if (!field.array && field.kind == Metadata.FLOAT) return chunk.buffer.getFloat(chunk.pos);
        return whole(name);
    }

    @Override
    public String getString(String name) {
        ChunkObject holder = holder(name);
        Metadata.Field field = holder.seek(last(name));
        if (field.array) throw new IllegalArgumentException("\"" + name + "\" is an array");
        if (field.kind == Metadata.STRING) return chunk.readString();
        if (field.kind == Metadata.REFERENCE && field.type.name.equals("java.lang.String")) {
            return chunk.constantString(field.type.id, chunk.readVarlong());
        }
        // a simple type (one field, e.g. a symbol) stands for its one value
        if (field.type.simple && field.type.fields.size() == 1) {
            ChunkObject inner = holder.object(field);
            return inner == null ? null : inner.getString(field.type.fields.get(0).name);
        }
        throw new IllegalArgumentException("\"" + name + "\" of " + type.name + " is not a string");
    }

    @Override
    public Instant getInstant(String name) {
        ChunkObject holder = holder(name);
        Metadata.Field field = holder.seek(last(name));
        if (field.timestampUnit == null) throw new IllegalArgumentException("\"" + name + "\" is not a timestamp");
        long value = whole(name);
        if (value == Long.MIN_VALUE) return Instant.MIN;
        return switch (field.timestampUnit) {
            case "MILLISECONDS_SINCE_EPOCH" -> Instant.ofEpochMilli(value);
            case "TICKS" -> Instant.ofEpochSecond(0, chunk.nanos(value));
            default -> throw new IllegalArgumentException("\"" + name + "\" has the unknown timestamp unit " + field.timestampUnit);
        };
    }

    @Override
    public Duration getDuration(String name) {
        ChunkObject holder = holder(name);
        Metadata.Field field = holder.seek(last(name));
        if (field.timespanUnit == null) throw new IllegalArgumentException("\"" + name + "\" is not a timespan");
        long value = whole(name);
        if (value == 0) return Duration.ZERO;
        if (value == Long.MIN_VALUE) return Duration.ofSeconds(Long.MIN_VALUE, 0);
        if (value == Long.MAX_VALUE) return ChronoUnit.FOREVER.getDuration();
        return switch (field.timespanUnit) {
            case "MICROSECONDS" -> Duration.ofNanos(1000 * value);
            case "SECONDS" -> Duration.ofSeconds(value);
            case "MILLISECONDS" -> Duration.ofMillis(value);
            case "NANOSECONDS" -> Duration.ofNanos(value);
            case "TICKS" -> Duration.ofNanos(chunk.spanNanos(value));
            default -> throw new IllegalArgumentException("\"" + name + "\" has the unknown timespan unit " + field.timespanUnit);
        };
    }

    @Override
    public JfrObject getValue(String name) {
        ChunkObject holder = name.indexOf('.') < 0 ? this : holder(name);
        Metadata.Field field = holder.seek(last(name));
        if (field.array) throw new IllegalArgumentException("\"" + name + "\" is an array: use getArray");
        return holder.object(field);
    }

    /** The object the chunk is positioned at, of a reference or inline field. */
    private ChunkObject object(Metadata.Field field) {
        if (field.kind == Metadata.REFERENCE) return chunk.constant(field.type, chunk.readVarlong());
        if (field.kind == Metadata.INLINE) return new ChunkObject(chunk, field.type, chunk.pos);
        throw new IllegalArgumentException("\"" + field.name + "\" of " + type.name + " is not an object");
    }

    @Override
    public List<JfrObject> getArray(String name) {
        ChunkObject holder = holder(name);
        Metadata.Field field = holder.seek(last(name));
        if (!field.array || (field.kind != Metadata.REFERENCE && field.kind != Metadata.INLINE)) {
            throw new IllegalArgumentException("\"" + name + "\" of " + type.name + " is not an array of objects");
        }
        int count = chunk.readVarint();
        List<JfrObject> elements = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = chunk.pos;
            elements.add(holder.object(field));
            if (field.kind == Metadata.INLINE) {
                chunk.pos = at;
                chunk.skipFields(field.type);
            }
        }
        return elements;
    }

    @Override
    public JfrClass getClass(String name) {
        return (JfrClass) getValue(name);
    }

    @Override
    public JfrThread getThread(String name) {
        return (JfrThread) getValue(name);
    }

    // events

    @Override
    public Instant getStartTime() {
        return getInstant("startTime");
    }

    @Override
    public Instant getEndTime() {
        return Instant.ofEpochSecond(0, chunk.nanos(endTicks()));
    }

    private long endTicks() {
        long startTicks = getLong("startTime");
        return hasField("duration") ? startTicks + getLong("duration") : startTicks;
    }

    @Override
    public Duration getDuration() {
        long startTicks = getLong("startTime"), endTicks = endTicks();
        return startTicks == endTicks ? Duration.ZERO : Duration.ofNanos(chunk.nanos(endTicks) - chunk.nanos(startTicks));
    }

    @Override
    public boolean typeHasSettings() {
        return type.hasSettings;
    }

    @Override
    public String getFrameType() {
        return getString("type");
    }

    @Override
    public JfrThread getThread() {
        return hasField("eventThread") ? getThread("eventThread") : null;
    }

    @Override
    public JfrStackTrace getStackTrace() {
        return hasField("stackTrace") ? (JfrStackTrace) getValue("stackTrace") : null;
    }

    // classes and methods

    @Override
    public String getName() {
        if (name != null) return name;
        name = getString("name");
        if (name == null && type.name.equals("java.lang.Class")) {
            throw new IllegalStateException("a class without a name"); // RecordedClass.getName() fails too
        }
        // RecordedClass.getName() does the same; a method's name has no '/'
        return name == null ? null : (name = name.replace('/', '.'));
    }

    @Override
    public JfrClass getType() {
        return getClass("type");
    }

    @Override
    public String getDescriptor() {
        return getString("descriptor");
    }

    // threads

    @Override
    public String getJavaName() {
        return getString("javaName");
    }

    @Override
    public String getOSName() {
        return getString("osName");
    }

    @Override
    public long getJavaThreadId() {
        return getLong("javaThreadId");
    }

    // stack traces and frames

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public List<JfrFrame> getFrames() {
        List<JfrObject> frames = getArray("frames");
        return frames == null ? List.of() : Collections.unmodifiableList((List) frames);
    }

    @Override
    public long[] frameKeys() {
        Metadata.Field frames = seek("frames");
        Metadata.Type frame = frames.type;
        int method = frame.fieldIndex("method"), kind = frame.fieldIndex("type");
        if (!frames.array || frames.kind != Metadata.INLINE || !isReference(frame, method) || !isReference(frame, kind)) return null;
        List<Metadata.Field> fields = frame.fields;
        long[] keys = new long[2 * chunk.readVarint()];
        for (int i = 0; i < keys.length; i += 2) {
            for (int f = 0; f < fields.size(); f++) {
                if (f == method) keys[i] = chunk.readVarlong();
                else if (f == kind) keys[i + 1] = chunk.readVarlong();
                else chunk.skipField(fields.get(f));
            }
        }
        return keys;
    }

    private static boolean isReference(Metadata.Type type, int field) {
        return field >= 0 && type.fields.get(field).kind == Metadata.REFERENCE && !type.fields.get(field).array;
    }

    @Override
    public boolean isTruncated() {
        return getBoolean("truncated");
    }

    @Override
    public JfrMethod getMethod() {
        return (JfrMethod) getValue("method");
    }

    @Override
    public int getLineNumber() {
        return getInt("lineNumber");
    }

    @Override
    public int getBytecodeIndex() {
        return getInt("bytecodeIndex");
    }

    @Override
    public String toString() {
        return type.name + "@" + start;
    }
}
