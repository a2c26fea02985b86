/**
 * What every module's tests share: the target JDKs ({@link dev.memprof.testsupport.TargetJdks}: a test run on JDK 17
 * and 25), the samples and their truth ({@link dev.memprof.testsupport.Samples}, {@link
 * dev.memprof.testsupport.TargetJvm}), settings with many events ({@link dev.memprof.testsupport.ManyEventsSettings})
 * and each test class's CPU time ({@link dev.memprof.testsupport.TestCpuTimes}).
 */
package dev.memprof.testsupport;
