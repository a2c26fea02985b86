package dev.memprof.report;

import dev.memprof.analysis.AllocationSummary;
import dev.memprof.analysis.AllocationTable;
import dev.memprof.analysis.CallTree;
import dev.memprof.analysis.Profile;
import dev.memprof.analysis.ProfileReader;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTML page's call tree: only used frames, and past its budget the small stacks merged, with sums exact. */
class PageTreeTest {
    @Test
    void underItsBudgetThePageHasTheRecordingsTreeAndOnlyTheFramesItUses() throws Exception {
        Profile profile = ProfileReader.read(Fixture.ASYNC_ALL_VIEWS.jfr());
        PageTree page = PageTree.of(profile);
        CallTree tree = profile.tree();
        assertEquals(tree.size(), page.parent().length);
        assertEquals(0, page.mergedNodes());
        for (int n = 1; n < tree.size(); n++) {
            assertEquals(n, page.node(n));
            assertEquals(tree.parent(n), page.parent()[n]);
            assertEquals(profile.frameName(n), page.frameNames().get(page.frame()[n]));
            assertEquals(profile.libraries().get(profile.frames().library(tree.frame(n))), page.libraries().get(page.frameLibrary()[page.frame()[n]]));
        }
        assertTrue(page.frameNames().size() <= profile.frames().size());
    }

    @Test
    void pastItsBudgetSmallStacksMergeUnderTheirCallersAndTheSumsStayExact() throws Exception {
        assertTrue(pastItsBudgetSmallStacksMerge(Fixture.ALLOCATION_SITES) > 0, "merged");
        // with live objects and native memory, whose stacks are kept whole
        assertTrue(ProfileReader.read(Fixture.ASYNC_ALL_VIEWS.jfr()).liveObjects().size() > 0, "live objects");
        pastItsBudgetSmallStacksMerge(Fixture.ASYNC_ALL_VIEWS);
    }

    /** Checks the page's tree made with a small budget against the recording's; returns the nodes merged. */
    private static int pastItsBudgetSmallStacksMerge(Fixture fixture) throws Exception {
        Profile profile = ProfileReader.read(fixture.jfr());
        CallTree tree = profile.tree();
        int budget = tree.size() / 4, pixels = 20; // merge what is under 5% of the bytes
        PageTree page = PageTree.of(profile, new PageTree.Limits(budget, pixels, 3));
        // every node of the recording is drawn as itself, or as the merged node under one of its callers
        long[] pageBytes = new long[page.parent().length];
        AllocationTable rows = profile.allocations();
        for (int r = 0; r < rows.size(); r++) pageBytes[page.node(rows.node(r))] += rows.bytes(r);
        long[] recordingTotal = totals(profile), mergedUnder = new long[page.parent().length];
        long merged = 0;
        for (int n = 1; n < tree.size(); n++) {
            List<String> stack = pageStack(page, page.node(n)), recording = stack(profile, n);
            if (stack.get(stack.size() - 1).equals(PageTree.MERGED)) {
                assertEquals(recording.subList(0, stack.size() - 1), stack.subList(0, stack.size() - 1));
                assertTrue(recordingTotal[n] * pixels < recordingTotal[CallTree.ROOT], "merged only under 1/" + pixels);
                if (page.node(tree.parent(n)) != page.node(n)) {
                    mergedUnder[page.node(n)] += recordingTotal[n];
                    merged += recordingTotal[n];
                }
            } else {
                assertEquals(recording, stack);
            }
        }
        assertEquals(page.mergedBytes(), merged);
        long sum = 0;
        for (int p = 0; p < pageBytes.length; p++) {
            sum += pageBytes[p];
            if (page.frame()[p] >= 0 && page.frameNames().get(page.frame()[p]).equals(PageTree.MERGED)) assertEquals(mergedUnder[p], pageBytes[p]);
        }
        assertEquals(rows.totalBytes(), sum);
        // the largest sites, live objects' and native memory's stacks are whole
        for (AllocationSummary.Entry site : AllocationSummary.bySite(profile).subList(0, 3)) {
            assertEquals(stack(profile, site.key()), pageStack(page, page.node(site.key())));
        }
        for (int r = 0; r < profile.liveObjects().size(); r++) {
            assertEquals(stack(profile, profile.liveObjects().node(r)), pageStack(page, page.node(profile.liveObjects().node(r))));
        }
        for (int r = 0; r < profile.nativeMemory().size(); r++) {
            assertEquals(stack(profile, profile.nativeMemory().node(r)), pageStack(page, page.node(profile.nativeMemory().node(r))));
        }
        return page.mergedNodes();
    }

    private static long[] totals(Profile profile) {
        long[] total = new long[profile.tree().size()];
        AllocationTable rows = profile.allocations();
        for (int r = 0; r < rows.size(); r++) total[rows.node(r)] += rows.bytes(r);
        for (int n = total.length - 1; n > 0; n--) total[profile.tree().parent(n)] += total[n];
        return total;
    }

    private static List<String> stack(Profile profile, int node) {
        List<String> names = new ArrayList<>();
        for (int n = node; n != CallTree.ROOT; n = profile.tree().parent(n)) names.add(0, profile.frameName(n));
        return names;
    }

    private static List<String> pageStack(PageTree page, int node) {
        List<String> names = new ArrayList<>();
        for (int n = node; n != CallTree.ROOT; n = page.parent()[n]) names.add(0, page.frameNames().get(page.frame()[n]));
        return names;
    }
}
