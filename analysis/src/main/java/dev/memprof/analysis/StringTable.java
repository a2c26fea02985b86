package dev.memprof.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Strings interned once; each gets a dense id from 0. */
public final class StringTable {
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> strings = new ArrayList<>();

    public int intern(String s) {
        Integer id = ids.get(s);
        if (id != null) return id;
        ids.put(s, strings.size());
        strings.add(s);
        return strings.size() - 1;
    }

    /** The id of a string, or -1 when it was never interned. */
    public int find(String s) {
        return ids.getOrDefault(s, -1);
    }

    public String get(int id) {
        return strings.get(id);
    }

    public int size() {
        return strings.size();
    }

    public List<String> asList() {
        return Collections.unmodifiableList(strings);
    }
}
