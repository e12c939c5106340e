package dev.evolve.cli;

import dev.evolve.engine.run.RunFolder;
import dev.evolve.engine.run.RunSession;
import dev.evolve.engine.run.RunSummary;
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
            SandboxChoice.apply(dev.evolve.engine.run.ConfigFiles.read(folder.config()).sandbox());
        } catch (RunFolder.RunFolderException | dev.evolve.engine.run.RunConfig.InvalidConfigException e) {
            throw new UsageException(e.getMessage());
        }
        System.err.println("evolve: resuming " + dir);
        RunSummary summary;
        try {
            summary = RunSession.resume(dir);
        } catch (InterruptedException e) {
            System.err.println("evolve: interrupted; continue with 'evolve resume " + dir + "'");
            return ExitCode.INTERRUPTED.code;
        }
        Report.print(summary, dir);
        return ExitCode.OK.code;
    }
}
