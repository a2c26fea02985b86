package dev.memprof.samples;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;

/**
 * Question: does a report show the names in a recording as text, never running them as markup or script?
 * <p>
 * Allocates on a thread named {@link #THREAD}, from a class defined at runtime whose name is {@link #CLASS}
 * (the JVM allows {@code <}, {@code >}, quotes and spaces in class names), allocating arrays of that class.
 * A report that put these names into its page as HTML would set {@code document.title} to "pwned".
 * With {@code terminal}, the names are {@link #TERMINAL_THREAD} and {@link #TERMINAL_CLASS} instead: escape sequences
 * a terminal would obey, and characters that break careless JSON.
 * Args: {@code [seconds] [terminal]} (default 2).
 */
public final class HostileNames {
    public static final String THREAD = "</script><script>document.title='pwned'</script>";
    public static final String CLASS = "x.<img src=x onerror=\"document.title='pwned'\">";
    /** Sets the terminal's title, clears the screen (ESC and C1 CSI), rings the bell; a quote, a backslash, U+2028/9. */
    public static final String TERMINAL_THREAD = "\u001b]0;pwned\u0007\u001b[2J\u009b31m \"quoted\" back\\slash \u2028line\u2029para";
    /** As {@link #TERMINAL_THREAD}, within what a class name may hold (no '[', ';', '/'): C1 CSI, ESC c (reset), the bell. */
    public static final String TERMINAL_CLASS = "x.\u009b31mred\u009b0m\u001bc\u0007\"\\\u2028\u007f";
    static volatile Object sink;

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 2;
        boolean terminal = args.length > 1 && args[1].equals("terminal");
        String className = terminal ? TERMINAL_CLASS : CLASS;
        byte[] bytes = classFile(className.replace('.', '/'));
        Class<?> hostile = new ClassLoader(HostileNames.class.getClassLoader()) {
            Class<?> define() {
                return defineClass(className, bytes, 0, bytes.length);
            }
        }.define();
        Method allocate = hostile.getMethod("allocate");
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        Thread thread = new Thread(() -> {
            try {
                Pace pace = new Pace(100); // 256 arrays of 4 KiB a step: about 100 MiB/s
                while (System.nanoTime() < deadline) {
                    for (int i = 0; i < 256; i++) sink = allocate.invoke(null);
                    pace.step();
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }, terminal ? TERMINAL_THREAD : THREAD);
        thread.start();
        thread.join();
    }

    /** A class file for {@code public final class <name> { public static Object allocate() { return new <name>[1024]; } }}. */
    static byte[] classFile(String internalName) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0xCAFEBABE);
        out.writeShort(0);
        out.writeShort(49); // Java 5: no stack map frames needed
        out.writeShort(8); // constant pool: #1..#7
        out.writeByte(1); out.writeUTF(internalName); // #1
        out.writeByte(7); out.writeShort(1); // #2 class #1
        out.writeByte(1); out.writeUTF("java/lang/Object"); // #3
        out.writeByte(7); out.writeShort(3); // #4 class #3
        out.writeByte(1); out.writeUTF("allocate"); // #5
        out.writeByte(1); out.writeUTF("()Ljava/lang/Object;"); // #6
        out.writeByte(1); out.writeUTF("Code"); // #7
        out.writeShort(0x0031); // public final super
        out.writeShort(2); out.writeShort(4); out.writeShort(0); out.writeShort(0); // this, super, no interfaces, no fields
        out.writeShort(1); // one method
        out.writeShort(0x0009); out.writeShort(5); out.writeShort(6); out.writeShort(1); // public static allocate()
        byte[] code = {0x11, 0x04, 0x00, (byte) 0xbd, 0x00, 0x02, (byte) 0xb0}; // sipush 1024; anewarray #2; areturn
        out.writeShort(7); out.writeInt(12 + code.length); out.writeShort(1); out.writeShort(0);
        out.writeInt(code.length); out.write(code); out.writeShort(0); out.writeShort(0);
        out.writeShort(0); // no class attributes
        return bytes.toByteArray();
    }
}
