package io.github.hourglassmocap.inference.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hourglassmocap.inference.DecodeException;
import io.github.hourglassmocap.inference.ModelLoadException;
import io.github.hourglassmocap.inference.pipeline.TestStages.CentroidStage;
import io.github.hourglassmocap.inference.pipeline.TestStages.DelayLift;
import io.github.hourglassmocap.inference.pipeline.TestStages.SquareSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class StreamingPipelineTest {
    private static List<PipelineResult> drain(StreamingPipeline p) throws InterruptedException {
        List<PipelineResult> out = new ArrayList<>();
        while (!p.isExhausted()) {
            PipelineResult r = p.take(10_000);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    void recordModeKeepsEveryFrameInOrderWithCorrectPoses() throws Exception {
        SquareSource src = new SquareSource(40, 30, false, -1);
        CentroidStage s2 = new CentroidStage(5);
        DelayLift lift = new DelayLift(3, -1);
        try (StreamingPipeline p = StreamingPipeline.builder(() -> src, () -> s2).lift(() -> lift)
                .mode(PipelineMode.RECORD).queueCapacity(1).resultCapacity(2).build()) {
            p.start();
            List<PipelineResult> out = drain(p);
            assertEquals(40, out.size());
            for (int i = 0; i < out.size(); i++) {
                PipelineResult r = out.get(i);
                assertEquals(i, r.frameIndex());
                assertEquals(i, r.pose3d().frameIndex());
                // square centre x = 10 + 3i + 19.5 (x from 10+3i to 10+3i+39)
                assertEquals(29.5f + 3 * i, r.pose2d().get(0, 0), 0.01f);
                // rows sampled every 2 px: 200, 202, ..., 238
                assertEquals(219.0f, r.pose2d().get(0, 1), 0.01f);
                assertEquals((29.5f + 3 * i) / TestStages.W, r.pose3d().joints()[0], 1e-5f);
                assertNotNull(r.frame());
                assertEquals(i, r.frame().frameIndex());
            }
            assertEquals(0, p.stats().framesDropped());
            assertEquals(StreamingPipeline.State.FINISHED, p.state());
            assertNull(p.failure());
        }
        assertEquals(1, src.closes.get());
        assertEquals(1, s2.closes.get());
        assertEquals(1, lift.closes.get());
    }

    @Test
    void liveModeDropsOldestFramesWhenTheStageIsBehindAndCountsThem() throws Exception {
        SquareSource src = new SquareSource(60, 200, true, -1);
        CentroidStage s2 = new CentroidStage(20);
        try (StreamingPipeline p = StreamingPipeline.builder(() -> src, () -> s2).lift(() -> new DelayLift(0, -1))
                .mode(PipelineMode.LIVE).queueCapacity(2).build()) {
            p.start();
            List<PipelineResult> out = drain(p);
            PipelineStats st = p.stats();
            assertEquals(60, st.framesCaptured());
            assertTrue(st.framesDropped() > 10, "expected drops, got " + st);
            assertEquals(60, out.size() + st.framesDropped(), st.toString());
            for (int i = 1; i < out.size(); i++) {
                assertTrue(out.get(i).frameIndex() > out.get(i - 1).frameIndex());
            }
            // the newest frames survive: the last frame always comes out
            assertEquals(59, out.get(out.size() - 1).frameIndex());
        }
    }

    @Test
    void lookaheadPosesAreFlushedAtTheEnd() throws Exception {
        try (StreamingPipeline p = StreamingPipeline.builder(() -> new SquareSource(10, 30, false, -1),
                () -> new CentroidStage(0)).lift(() -> new DelayLift(8, -1)).mode(PipelineMode.RECORD).build()) {
            p.start();
            List<PipelineResult> out = drain(p);
            assertEquals(10, out.size());
            assertEquals(9, out.get(9).pose3d().frameIndex());
        }
    }

    @Test
    void sourceThatDiesMidStreamKeepsEarlierFramesAndReportsTheFailure() throws Exception {
        SquareSource src = new SquareSource(100, 30, false, 25);
        CentroidStage s2 = new CentroidStage(0);
        DelayLift lift = new DelayLift(4, -1);
        try (StreamingPipeline p = StreamingPipeline.builder(() -> src, () -> s2).lift(() -> lift)
                .mode(PipelineMode.RECORD).build()) {
            p.start();
            List<PipelineResult> out = drain(p);
            assertEquals(25, out.size());
            assertEquals(StreamingPipeline.State.FAILED, p.state());
            assertTrue(p.failure() instanceof DecodeException);
            assertTrue(p.failure().getMessage().contains("unplugged at frame 25"));
        }
        assertEquals(1, src.closes.get());
        assertEquals(1, s2.closes.get());
        assertEquals(1, lift.closes.get());
    }

    @Test
    void liftFailureStopsCaptureAndClosesEverything() throws Exception {
        SquareSource src = new SquareSource(10_000, 30, false, -1);
        CentroidStage s2 = new CentroidStage(0);
        DelayLift lift = new DelayLift(0, 12);
        try (StreamingPipeline p = StreamingPipeline.builder(() -> src, () -> s2).lift(() -> lift)
                .mode(PipelineMode.RECORD).build()) {
            p.start();
            List<PipelineResult> out = drain(p);
            assertEquals(12, out.size());
            assertEquals(StreamingPipeline.State.FAILED, p.state());
            assertTrue(p.failure().getMessage().contains("frame 12"));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!p.isTerminated() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(p.isTerminated());
            assertTrue(src.next < 10_000, "capture must stop after a failure");
        }
        assertEquals(1, src.closes.get());
        assertEquals(1, s2.closes.get());
        assertEquals(1, lift.closes.get());
    }

    @Test
    void modelThatFailsToLoadFailsThePipelineAndClosesTheSource() throws Exception {
        SquareSource src = new SquareSource(10_000, 30, false, -1);
        try (StreamingPipeline p = StreamingPipeline.builder(() -> src, () -> new CentroidStage(0))
                .lift(() -> {
                    throw new ModelLoadException("lifter.onnx: not an ONNX model");
                }).mode(PipelineMode.RECORD).build()) {
            p.start();
            drain(p);
            assertEquals(StreamingPipeline.State.FAILED, p.state());
            assertTrue(p.failure() instanceof ModelLoadException);
        }
        assertEquals(1, src.closes.get());
    }

    @Test
    void closeMidRunStopsWorkersAndReleasesEachResourceOnce() throws Exception {
        SquareSource src = new SquareSource(100_000, 30, true, -1);
        CentroidStage s2 = new CentroidStage(10);
        DelayLift lift = new DelayLift(2, -1);
        StreamingPipeline p = StreamingPipeline.builder(() -> src, () -> s2).lift(() -> lift).build();
        p.start();
        Thread.sleep(300);
        assertTrue(p.stats().framesCaptured() > 0);
        p.close();
        p.close();
        assertTrue(p.isTerminated());
        assertEquals(StreamingPipeline.State.CLOSED, p.state());
        assertEquals(1, src.closes.get());
        assertEquals(1, s2.closes.get());
        assertEquals(1, lift.closes.get());
        assertThrows(IllegalStateException.class, p::poll);
        assertThrows(IllegalStateException.class, p::start);
    }

    @Test
    void closeAsyncReturnsAtOnceAndCompletes() throws Exception {
        SquareSource src = new SquareSource(100_000, 30, true, -1);
        StreamingPipeline p = StreamingPipeline.builder(() -> src, () -> new CentroidStage(30)).build();
        p.start();
        Thread.sleep(200);
        long t0 = System.nanoTime();
        var f = p.closeAsync();
        assertTrue((System.nanoTime() - t0) / 1e6 < 50, "closeAsync must not wait for the workers");
        f.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(1, src.closes.get());
    }

    @Test
    void pauseStopsCaptureAndResumeContinues() throws Exception {
        SquareSource src = new SquareSource(100_000, 100, true, -1);
        try (StreamingPipeline p = StreamingPipeline.builder(() -> src, () -> new CentroidStage(0)).build()) {
            p.start();
            Thread.sleep(200);
            p.pause();
            assertEquals(StreamingPipeline.State.PAUSED, p.state());
            Thread.sleep(100);
            long a = p.stats().framesCaptured();
            Thread.sleep(300);
            long b = p.stats().framesCaptured();
            assertTrue(b - a <= 1, "capture continued while paused: " + a + " -> " + b);
            p.resume();
            Thread.sleep(300);
            assertTrue(p.stats().framesCaptured() > b + 5);
        }
    }

    @Test
    void pollNeverBlocksEvenWhenStagesAreSlow() throws Exception {
        SquareSource src = new SquareSource(100_000, 30, true, -1);
        try (StreamingPipeline p = StreamingPipeline.builder(() -> src, () -> new CentroidStage(200))
                .mode(PipelineMode.RECORD).build()) {
            p.start();
            long worst = 0;
            for (int i = 0; i < 100; i++) {
                long t0 = System.nanoTime();
                p.poll();
                worst = Math.max(worst, System.nanoTime() - t0);
                Thread.sleep(5);
            }
            assertTrue(worst / 1e6 < 20, "poll took " + worst / 1e6 + " ms");
        }
    }

    @Test
    void liveLatencyStaysLowWhenTheStageKeepsUp() throws Exception {
        try (StreamingPipeline p = StreamingPipeline.builder(() -> new SquareSource(45, 30, true, -1),
                () -> new CentroidStage(5)).lift(() -> new DelayLift(0, -1)).build()) {
            p.start();
            List<PipelineResult> out = drain(p);
            assertEquals(45, out.size());
            PipelineStats st = p.stats();
            assertEquals(0, st.framesDropped());
            // each frame: ~2 ms centroid + 5 ms sleep; generous bound for a loaded machine
            assertTrue(st.meanLatencyMs() < 80, st.toString());
            assertTrue(st.meanLatencyMs() > 4, st.toString());
        }
    }
}
