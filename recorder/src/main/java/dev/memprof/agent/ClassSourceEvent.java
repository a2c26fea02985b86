package dev.memprof.agent;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** Where a class came from: the one thing about a class that no JDK event records. Field names are read by analysis. */
@Name("memprof.ClassSource")
@Label("Class Source")
@Category("memprof")
@Description("The code source of a class, at load or from the inventory of classes loaded before the recording")
@StackTrace(false)
final class ClassSourceEvent extends jdk.jfr.Event {
    @Label("Class")
    @Description("Binary name, e.g. com.foo.Bar$Inner")
    String className;

    @Label("Location")
    @Description("Code source URL, or jrt:/<module> for a module class without one")
    String location;

    @Label("Class Loader")
    @Description("The loader's name, or its class name if unnamed; null for the bootstrap loader")
    String loader;

    @Label("Class File Size")
    @Description("Bytes of the class file as loaded; 0 when unknown (inventory, generated classes)")
    @jdk.jfr.DataAmount
    int size;

    @Label("Inventory")
    @Description("True when the class was loaded before the recording started")
    boolean inventory;
}
