package dev.memprof.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks {@link MaxAllocation} and {@link MaxRetained} around each test method they apply to (registered by the
 * annotations themselves). Tests without them only pay for looking the annotations up.
 */
public final class MemoryLimitsExtension implements InvocationInterceptor {
    private static final String PARALLEL = "junit.jupiter.execution.parallel.enabled";

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
                                    ExtensionContext context) throws Throwable {
        check(invocation, method, context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
                                            ExtensionContext context) throws Throwable {
        check(invocation, method, context);
    }

    private static void check(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
                              ExtensionContext context) throws Throwable {
        Optional<MaxAllocation> maxAllocation = find(context, MaxAllocation.class);
        Optional<MaxRetained> maxRetained = find(context, MaxRetained.class);
        if (maxAllocation.isEmpty() && maxRetained.isEmpty()) {
            invocation.proceed();
            return;
        }
        long allocationLimit = maxAllocation.map(a -> Size.parse(a.value(), "@MaxAllocation")).orElse(-1L);
        long retainedLimit = maxRetained.map(r -> Size.parse(r.value(), "@MaxRetained")).orElse(-1L);
        if (maxRetained.isPresent()) {
            for (int i = 0; i < maxRetained.get().warmups(); i++) warmUp(method);
        }
        boolean ownThreadOnly = context.getConfigurationParameter(PARALLEL).map(Boolean::parseBoolean).orElse(false);
        String name = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName()
                + (context.getDisplayName().startsWith(context.getRequiredTestMethod().getName()) ? "" : "-" + context.getDisplayName());
        try (TestRecording recording = new TestRecording(allocationLimit >= 0, retainedLimit >= 0)) {
            long retainedBefore = retainedLimit >= 0 ? RetainedHeap.measure() : 0;
            Instant start = Instant.now();
            ThreadAllocations allocations = allocationLimit >= 0 ? new ThreadAllocations(ownThreadOnly) : null;
            try {
                invocation.proceed();
            } catch (Throwable failed) {
                recording.stop(false, name);
                throw failed;
            }
            long allocated = allocations == null ? 0 : allocations.stop();
            long retained = retainedLimit >= 0 ? RetainedHeap.measure() - retainedBefore : 0;
            boolean overAllocated = allocationLimit >= 0 && allocated > allocationLimit;
            boolean leaked = retainedLimit >= 0 && retained > retainedLimit;
            TestRecording.Kept kept = recording.stop(overAllocated || leaked, name);
            List<String> failures = new ArrayList<>();
            if (overAllocated) {
                AllocationStacks stacks = new AllocationStacks(kept.ofType(TestRecording.IN_NEW_TLAB, TestRecording.OUTSIDE_TLAB), allocations);
                failures.add(allocationFailure(maxAllocation.get(), allocated, allocationLimit, allocations, stacks));
            }
            if (leaked) failures.add(leakFailure(maxRetained.get(), retained, retainedLimit, new LeakHolders(kept.ofType(TestRecording.OLD_OBJECT), start)));
            if (!failures.isEmpty()) throw new AssertionError(String.join("\n\n", failures) + kept.where());
        }
    }

    private static String allocationFailure(MaxAllocation annotation, long allocated, long limit,
                                            ThreadAllocations allocations, AllocationStacks stacks) {
        String threads = allocations.ownThreadOnly()
                ? "the test's thread alone, since tests run in parallel"
                : "the test's thread and the threads started during it"
                + (allocations.countsEndedThreads() ? "" : " and still alive at its end (this JDK has no JVM-wide total to count those that ended)");
        return "@MaxAllocation(\"" + annotation.value() + "\") exceeded: the test allocated " + Size.describe(allocated)
                + ", more than " + Size.describe(limit) + "; counted: " + threads + ".\n" + stacks.top();
    }

    private static String leakFailure(MaxRetained annotation, long retained, long limit, LeakHolders holders) {
        return "@MaxRetained(\"" + annotation.value() + "\") exceeded: the heap retained after full collections grew by "
                + Size.describe(retained) + " in the test, more than " + Size.describe(limit) + ".\n" + holders.top();
    }

    /** A run of the test body outside JUnit's invocation chain (which runs it once), with the same arguments. */
    private static void warmUp(ReflectiveInvocationContext<Method> method) throws Throwable {
        Method executable = method.getExecutable();
        executable.setAccessible(true);
        try {
            executable.invoke(method.getTarget().orElse(null), method.getArguments().toArray());
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The annotation on the test method, else on its class or an enclosing class. */
    private static <A extends java.lang.annotation.Annotation> Optional<A> find(ExtensionContext context, Class<A> type) {
        Optional<A> onMethod = AnnotationSupport.findAnnotation(context.getTestMethod(), type);
        if (onMethod.isPresent()) return onMethod;
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
            Optional<A> onClass = AnnotationSupport.findAnnotation(c, type);
            if (onClass.isPresent()) return onClass;
        }
        return Optional.empty();
    }
}
