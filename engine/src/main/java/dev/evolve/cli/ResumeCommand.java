package dev.evolve.cli;

import dev.evolve.engine.record.ConfigFiles;
import dev.evolve.engine.record.RunConfig;
import dev.evolve.engine.record.RunFolder;
import dev.evolve.engine.wiring.RunSession;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code evolve resume <run-dir>}: continues a run that was stopped or killed. */
@Command(name = "resume", mixinStandardHelpOptions = true, description = {
        "Continue a run that was stopped or killed (even with SIGKILL): nothing stored is evaluated again,",
        "counters and random state carry on, and the remaining iterations or budget are honoured."})
final class ResumeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<run-dir>", description = "The run folder.")
    Path dir;

    @Override
    public Integer call() {
        try {
            var folder = RunFolder.open(dir);
            SandboxChoice.apply(ConfigFiles.read(folder.config()).evaluation().sandbox());
        } catch (RunFolder.RunFolderException | RunConfig.InvalidConfigException e) {
            throw new UsageException(e.getMessage());
        }
        System.err.println("evolve: resuming " + dir);
        return Report.runToEnd(dir, () -> RunSession.resume(dir));
    }
}
