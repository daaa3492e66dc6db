using Msnp.Cli;

return await MsnpRootCommand.RunAsync(args);
