package dev.memprof.analysis;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LibrariesTest {
    @Test
    void namesLibrariesByJarModuleOrFolder() {
        assertEquals("foo-1.2.jar", Libraries.nameOf("file:/home/me/.m2/foo-1.2.jar"));
        assertEquals("foo-1.2.jar", Libraries.nameOf("jar:nested:/srv/app.jar/!BOOT-INF/lib/foo-1.2.jar!/"));
        assertEquals("foo-1.2.jar", Libraries.nameOf("jar:file:/srv/app.jar!/BOOT-INF/lib/foo-1.2.jar!/"));
        assertEquals("app.jar", Libraries.nameOf("jar:file:/srv/app.jar!/BOOT-INF/classes!/"));
        assertEquals("java.sql", Libraries.nameOf("jrt:/java.sql"));
        assertEquals("java.xml", Libraries.nameOf("jrt:/java.xml"));
        assertEquals("guava-33.4.0-jre.jar", Libraries.nameOf("jar:nested:/srv/my%20app.jar/!BOOT-INF/lib/guava-33.4.0-jre.jar!/"));
        assertEquals("app.jar", Libraries.nameOf("jar:nested:/srv/app.jar/!BOOT-INF/classes/!/"), "a fat jar's own classes");
        assertEquals("proj/build/classes/java/main/", Libraries.nameOf("file:/home/me/proj/build/classes/java/main/"));
        assertEquals("samples/target/classes/", Libraries.nameOf("file:/work/main/samples/target/classes/"));
        assertEquals("my lib.jar", Libraries.nameOf("file:/opt/my%20lib.jar"));
        assertNull(Libraries.nameOf(null));
    }

    @Test
    void generatedClassesBelongToTheirHost() {
        Libraries libraries = new Libraries();
        libraries.classSource("com.acme.Service", "file:/app/acme-core-2.0.jar");
        assertEquals("acme-core-2.0.jar", libraries.libraryOf("com.acme.Service$$Lambda", null));
        assertEquals("acme-core-2.0.jar", libraries.libraryOf("com.acme.Service$$EnhancerBySpringCGLIB$$1a2b", null));
        assertEquals("acme-core-2.0.jar", libraries.libraryOf("com.acme.Service$$Lambda$14/0x0000000800c01234", null), "hidden, JDK 17 form");
        assertEquals("acme-core-2.0.jar", libraries.libraryOf("com.acme.Service$$Lambda/0x000000080010a000", null), "hidden, JDK 21+ form");
        assertEquals("acme-core-2.0.jar", libraries.libraryOf("com.acme.Service+0x0000000800c01234", null), "hidden class as JFR names it");
        assertEquals("acme-core-2.0.jar", libraries.libraryOf("com.acme.Service$HibernateProxy$$abc", null), "bytecode-generated proxy");
        assertEquals("acme-core-2.0.jar", libraries.libraryOf("com.acme.Other", null), "same package");
        assertEquals("java.base", libraries.libraryOf("java.lang.String", "java.base"));
        assertEquals("org.other.*", libraries.libraryOf("org.other.Thing", null), "unknown: grouped by package");
    }

    @Test
    void stableNamesDropWhatChangesBetweenRuns() {
        assertEquals("a.Foo$$Lambda", ClassNames.stable("a.Foo$$Lambda$83+0x00007f0040007c18.992802731"));
        assertEquals("a.Foo$$Lambda", ClassNames.stable("a.Foo$$Lambda/0x000000080010a000"));
        assertEquals("a.Foo$$Lambda.run", ClassNames.stable("a.Foo$$Lambda$12/0x0000000800c01234") + ".run");
        assertEquals("java.lang.String[][]", ClassNames.readable("[[Ljava.lang.String;"));
        assertEquals("byte[]", ClassNames.readable("[B"));
    }
}
