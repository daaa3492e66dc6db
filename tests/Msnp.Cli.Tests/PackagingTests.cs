using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Msnp.Cli.Tests;

/// <summary>
/// The packages as a user gets them: <c>dotnet pack</c> of the built projects into a local feed,
/// <c>dotnet tool install</c> of <c>msnp</c> from it, and the client example of docs/client.md
/// compiled against the packed <c>Msnp.Client</c>. The package sources are the local feed and the
/// packages the build already restored; nothing comes from the network.
/// </summary>
public class PackagingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task The_tool_installs_with_dotnet_tool_install_and_the_client_example_compiles_against_the_package()
    {
        var root = RepositoryRoot();
        using var work = new TemporaryDirectory();
        var feed = Directory.CreateDirectory(Path.Combine(work.Path, "feed")).FullName;
        var config = Path.Combine(work.Path, "nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources><clear /><add key="local" value="{feed}" /><add key="restored" value="{RestoredPackages()}" /></packageSources>
              <config><add key="globalPackagesFolder" value="{Path.Combine(work.Path, "packages")}" /></config>
            </configuration>
            """);

        foreach (var project in new[] { "Msnp.Protocol", "Msnp.Client", "Msnp.Server", "Msnp.Cli" })
        {
            await Run(root, "pack", Path.Combine("src", project), "-c", "Release", "--no-build", "-o", feed);
        }

        Assert.Equal(
            ["Msnp.Cli.0.1.0.nupkg", "Msnp.Client.0.1.0.nupkg", "Msnp.Protocol.0.1.0.nupkg", "Msnp.Server.0.1.0.nupkg"],
            Directory.GetFiles(feed, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var package in Directory.GetFiles(feed, "*.nupkg"))
        {
            var metadata = Nuspec(package);
            Assert.Equal("0.1.0", metadata["version"]);
            Assert.Equal("The Msnp authors", metadata["authors"]);
            Assert.Equal("MIT", metadata["license"]);
            Assert.Null(RepositoryUrl(package)); // unset until the repository is public (Directory.Build.props)
            var licence = LicenceText(package);
            Assert.Equal(File.ReadAllText(Path.Combine(root, "LICENSE")), licence);
            Assert.StartsWith("MIT License", licence, StringComparison.Ordinal);
            Assert.Contains("Copyright (c) 2026 The Msnp authors", licence, StringComparison.Ordinal);
            Assert.Equal("README.md", metadata["readme"]);
            Assert.Contains("msnp", metadata["tags"], StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(metadata["description"]));
        }

        // dotnet tool install, then the installed command.
        var tools = Path.Combine(work.Path, "tools");
        await Run(work.Path, "tool", "install", "--tool-path", tools, "--configfile", config, "Msnp.Cli");
        var version = await Run(work.Path, Path.Combine(tools, "msnp"), "--version");
        Assert.StartsWith("0.1.0", version.Trim(), StringComparison.Ordinal);

        // docs/client.md's example, exactly as written, as a console program using the package.
        var app = Directory.CreateDirectory(Path.Combine(work.Path, "app")).FullName;
        await File.WriteAllTextAsync(Path.Combine(app, "app.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup><PackageReference Include="Msnp.Client" Version="0.1.0" /></ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), FirstCSharpBlock(Path.Combine(root, "docs", "client.md")));
        await Run(app, "build", "--configfile", config, "-c", "Release");
    }

    // Third-party dependencies (Microsoft.Extensions.*, …) from the packages this build restored, so no network is needed.
    private static string RestoredPackages() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static Dictionary<string, string> Nuspec(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        var entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = entry.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        return metadata.Elements().GroupBy(e => e.Name.LocalName).ToDictionary(g => g.Key, g => g.First().Value);
    }

    private static string? RepositoryUrl(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        using var stream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(stream).Descendants().FirstOrDefault(e => e.Name.LocalName == "repository")?.Attribute("url")?.Value;
    }

    private static string LicenceText(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        using var reader = new StreamReader(zip.GetEntry("LICENSE")!.Open());
        return reader.ReadToEnd();
    }

    private static string FirstCSharpBlock(string markdown)
    {
        var match = Regex.Match(File.ReadAllText(markdown), "```csharp\\n(?<code>.*?)```", RegexOptions.Singleline);
        Assert.True(match.Success, $"no csharp block in {markdown}");
        return match.Groups["code"].Value;
    }

    private static async Task<string> Run(string directory, string command, params string[] args)
    {
        var start = new ProcessStartInfo(command.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) ? command : MsnpProcess.DotnetHost())
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (start.FileName != command)
        {
            start.ArgumentList.Add(command);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(Timeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        var text = await output + await error;
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', args)} failed ({process.ExitCode}):\n{text}");
        return await output;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Msnp.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }
}
