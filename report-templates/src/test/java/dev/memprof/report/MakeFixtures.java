package dev.memprof.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Makes the recordings of {@link Fixture} into a folder: {@code MakeFixtures <dir> [fixture name...]} (all of them
 * without names). Run by {@code fixtures/make-fixtures.sh} with this module's test class path, on JDK 17.
 */
public final class MakeFixtures {
    private MakeFixtures() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: MakeFixtures <dir> [fixture name...]");
            System.exit(2);
        }
        List<String> names = Arrays.asList(args).subList(1, args.length);
        List<Fixture> fixtures = new ArrayList<>();
        for (Fixture fixture : Fixture.values()) {
            if (names.isEmpty() || names.contains(fixture.fileName())) fixtures.add(fixture);
        }
        if (fixtures.size() < names.size()) {
            List<String> all = Arrays.stream(Fixture.values()).map(Fixture::fileName).toList();
            System.err.println("MakeFixtures: not a fixture among " + names + "; fixtures: " + all);
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        Path tools = Files.createTempDirectory("memprof-fixtures");
        try {
            for (Fixture fixture : fixtures) {
                System.err.println("MakeFixtures: " + dir.resolve(fixture.fileName() + ".jfr"));
                fixture.make(dir, tools);
            }
        } finally {
            try (var files = Files.list(tools)) {
                for (Path file : files.toList()) Files.delete(file);
            }
            Files.delete(tools);
        }
    }
}
