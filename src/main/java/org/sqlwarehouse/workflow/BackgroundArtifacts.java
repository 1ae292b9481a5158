package org.sqlwarehouse.workflow;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.sqlwarehouse.WarehouseException;
import org.sqlwarehouse.compile.CompiledArtifacts;

/**
 * Writes compiled/ and manifest.json on a thread of its own while the build waits for the database:
 * the files cost file system time that the database work would otherwise add to.
 */
final class BackgroundArtifacts {
    private final FutureTask<Void> write;

    private BackgroundArtifacts(FutureTask<Void> write) {
        this.write = write;
    }

    static BackgroundArtifacts start(CompiledArtifacts artifacts, Warehouse.Compilation compilation) {
        FutureTask<Void> write = new FutureTask<>(() -> {
            artifacts.write(compilation.compiled(), compilation.project(), compilation.settings());
            return null;
        });
        Thread thread = new Thread(write, "warehouse-artifacts");
        thread.setDaemon(true);
        thread.start();
        return new BackgroundArtifacts(write);
    }

    /** Waits until the files are written; throws what writing them threw. */
    void finish() throws WarehouseException {
        try {
            write.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WarehouseException("Interrupted while writing the compiled files.");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WarehouseException w) {
                throw w;
            }
            throw new WarehouseException("Cannot write the compiled files: " + e.getCause());
        }
    }

    /**
     * Waits until the files are written, after the build failed: the failure names compiled files,
     * which must be there; a failure to write them is added to the build's.
     */
    void finishAfter(Exception buildFailure) {
        try {
            finish();
        } catch (WarehouseException e) {
            buildFailure.addSuppressed(e);
        }
    }
}
