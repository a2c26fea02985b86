package dev.memprof.analysis.jfr;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A chunk's type descriptions (its metadata event): every type's id, name and fields in the order
 * their values are written. Read once per chunk; the layout of every value follows from it.
 */
final class Metadata {
    /** How a field's value is written, decided once per field so that reading it is a switch. */
    static final int VARINT = 0, BYTE = 1, FLOAT = 2, DOUBLE = 3, STRING = 4, REFERENCE = 5, INLINE = 6;

    static final class Field {
        final String name;
        final long typeId;
        final boolean constantPool, array;
        boolean unsigned;
        /** jdk.jfr.Timestamp or jdk.jfr.Timespan unit ("TICKS", "NANOSECONDS", ...), or null. */
        String timestampUnit, timespanUnit;
        Type type;
        int kind;

        Field(String name, long typeId, boolean constantPool, boolean array) {
            this.name = name;
            this.typeId = typeId;
            this.constantPool = constantPool;
            this.array = array;
        }
    }

    static final class Type {
        final long id;
        final String name, superType;
        final boolean simple;
        boolean hasSettings;
        final List<Field> fields = new ArrayList<>();

        Type(long id, String name, String superType, boolean simple) {
            this.id = id;
            this.name = name;
            this.superType = superType;
            this.simple = simple;
        }

        boolean isEvent() {
            return "jdk.jfr.Event".equals(superType);
        }

        /** The index of a field, or -1. */
        int fieldIndex(String fieldName) {
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).name.equals(fieldName)) return i;
            }
            return -1;
        }
    }

    private final Map<Long, Type> byId = new HashMap<>();
    private final Map<String, Type> byName = new HashMap<>();

    Type type(long id) {
        return byId.get(id);
    }

    Type type(String name) {
        return byName.get(name);
    }

    Collection<Type> types() {
        return byId.values();
    }

    /** Reads the metadata event whose size field starts at {@code position}. */
    static Metadata read(Chunk chunk, int position) {
        chunk.pos = position;
        chunk.readVarint(); // size
        if (chunk.readVarlong() != ChunkHeaders.METADATA_TYPE) throw new IllegalStateException("no metadata event at " + position);
        chunk.readVarlong(); // start
        chunk.readVarlong(); // duration
        chunk.readVarlong(); // metadata id
        String[] strings = new String[chunk.readVarint()];
        for (int i = 0; i < strings.length; i++) strings[i] = chunk.readString();
        Element root = Element.read(chunk, strings);
        Metadata metadata = new Metadata();
        for (Element section : root.children) {
            if (!section.name.equals("metadata")) continue;
            for (Element c : section.children) {
                if (c.name.equals("class")) metadata.declare(c);
            }
            for (Element c : section.children) {
                if (c.name.equals("class")) metadata.define(c);
            }
        }
        for (Type type : metadata.byId.values()) {
            for (Field field : type.fields) {
                field.type = metadata.byId.get(field.typeId);
                if (field.type == null) throw new IllegalStateException("field " + type.name + "." + field.name + " has an undefined type");
                field.kind = kindOf(field);
            }
        }
        return metadata;
    }

    private void declare(Element c) {
        Type type = new Type(Long.parseLong(c.attribute("id")), c.attribute("name"), c.attribute("superType"),
                "true".equals(c.attribute("simpleType")));
        byId.put(type.id, type);
        byName.put(type.name, type);
    }

    private void define(Element c) {
        Type type = byId.get(Long.parseLong(c.attribute("id")));
        for (Element f : c.children) {
            if (f.name.equals("setting")) type.hasSettings = true;
            if (!f.name.equals("field")) continue;
            String dimension = f.attribute("dimension");
            Field field = new Field(f.attribute("name"), Long.parseLong(f.attribute("class")),
                    "true".equals(f.attribute("constantPool")), dimension != null && !dimension.equals("0"));
            for (Element a : f.children) {
                if (!a.name.equals("annotation")) continue;
                Type annotation = byId.get(Long.parseLong(a.attribute("class")));
                if (annotation == null) continue;
                if (annotation.name.equals("jdk.jfr.Timestamp")) field.timestampUnit = a.attribute("value");
                if (annotation.name.equals("jdk.jfr.Timespan")) field.timespanUnit = a.attribute("value");
                if (annotation.name.equals("jdk.jfr.Unsigned")) field.unsigned = true;
            }
            type.fields.add(field);
        }
    }

    private static int kindOf(Field field) {
        if (field.constantPool) return REFERENCE;
        return switch (field.type.name) {
            case "boolean", "byte" -> BYTE;
            case "short", "char", "int", "long" -> VARINT;
            case "float" -> FLOAT;
            case "double" -> DOUBLE;
            case "java.lang.String" -> STRING;
            default -> INLINE;
        };
    }

    /** An element of the metadata tree: a name, attributes, children. */
    private record Element(String name, Map<String, String> attributes, List<Element> children) {
        String attribute(String key) {
            return attributes.get(key);
        }

        static Element read(Chunk chunk, String[] strings) {
            String name = strings[chunk.readVarint()];
            int attributeCount = chunk.readVarint();
            Map<String, String> attributes = new HashMap<>(attributeCount * 2);
            for (int i = 0; i < attributeCount; i++) {
                String key = strings[chunk.readVarint()];
                attributes.put(key, strings[chunk.readVarint()]);
            }
            int childCount = chunk.readVarint();
            List<Element> children = new ArrayList<>(childCount);
            for (int i = 0; i < childCount; i++) children.add(read(chunk, strings));
            return new Element(name, attributes, children);
        }
    }
}
