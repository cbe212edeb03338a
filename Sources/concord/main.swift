import ConcordCLI

ConcordCommand.runMain()
