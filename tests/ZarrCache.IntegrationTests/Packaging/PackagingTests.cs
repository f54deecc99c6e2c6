using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ZarrCache.IntegrationTests.Packaging;

/// <summary>
/// The packages as a user gets them: every library packs with its metadata, README and symbols, without a warning; a
/// fresh app built against the packages (no project references) reads an array through AddZarrCache; the CLI installs
/// from the feed as a dotnet tool and runs <c>zarr-cache demo</c>.
/// </summary>
public sealed class PackagingTests(PackedFeed packed) : IClassFixture<PackedFeed>
{
    private static readonly string[] Libraries = ["ZarrCache", "ZarrCache.Gateway", "ZarrCache.Hosting", "ZarrCache.Redis", "ZarrCache.S3", "ZarrCache.Zarr"];

    [Fact]
    public void Every_project_packs_without_a_warning_into_a_package_and_a_symbol_package()
    {
        Assert.True(packed.PackFailure is null, packed.PackFailure);
        var warnings = packed.PackOutput.Split('\n').Where(l => l.Contains("warning", StringComparison.OrdinalIgnoreCase)).ToArray();
        Assert.True(warnings.Length == 0, string.Join('\n', warnings));
        foreach (var id in Libraries.Append("zarr-cache"))
        {
            Assert.True(File.Exists(Path.Combine(packed.Feed, $"{id}.{packed.Version}.nupkg")), $"no package {id}");
            Assert.True(File.Exists(Path.Combine(packed.Feed, $"{id}.{packed.Version}.snupkg")), $"no symbol package {id}");
        }
    }

    [Fact]
    public void The_readme_install_section_names_only_packages_and_a_tool_that_the_feed_holds()
    {
        var readme = File.ReadAllText(Path.Combine(PackedFeed.RepoRoot, "README.md"));
        var install = readme[readme.IndexOf("## Install", StringComparison.Ordinal)..];
        install = install[..install.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var packages = Regex.Matches(install, @"dotnet add package (\S+)").Select(m => m.Groups[1].Value).ToArray();
        var tools = Regex.Matches(install, @"dotnet tool install (?:--global )?(\S+)").Select(m => m.Groups[1].Value).ToArray();

        Assert.Equal(Libraries.Order(StringComparer.Ordinal).Where(id => id != "ZarrCache.Gateway"), packages.Order(StringComparer.Ordinal));
        Assert.Equal(["zarr-cache"], tools);
        foreach (var id in packages.Concat(tools))
        {
            Assert.True(File.Exists(Path.Combine(packed.Feed, $"{id}.{packed.Version}.nupkg")), $"the README installs {id}, which is not packed");
        }
    }

    [Fact]
    public void Every_library_package_carries_its_metadata_and_readme()
    {
        Assert.True(packed.PackFailure is null, packed.PackFailure);
        foreach (var id in Libraries)
        {
            using var package = ZipFile.OpenRead(Path.Combine(packed.Feed, $"{id}.{packed.Version}.nupkg"));
            var nuspec = XDocument.Load(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
            var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string? Field(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

            Assert.Equal(id, Field("id"));
            Assert.False(string.IsNullOrWhiteSpace(Field("description")), $"{id} has no description");
            Assert.Contains("zarr", Field("tags") ?? "", StringComparison.Ordinal);
            Assert.Equal("MIT", Field("license"));
            Assert.Equal("README.md", Field("readme"));
            Assert.Contains(package.Entries, e => e.FullName == "README.md");
            Assert.StartsWith("https://", metadata.Elements().Single(e => e.Name.LocalName == "repository").Attribute("url")!.Value, StringComparison.Ordinal);
            Assert.Contains(package.Entries, e => e.FullName == $"lib/net10.0/{id}.xml");
        }
    }

    [Fact]
    public void A_fresh_app_built_against_the_packages_reads_an_array_through_AddZarrCache()
    {
        Assert.True(packed.PackFailure is null, packed.PackFailure);
        var app = Path.Combine(packed.Root, "consumer");
        var data = Path.Combine(packed.Root, "data");
        Directory.CreateDirectory(app);
        var (made, madeOutput) = PackedFeed.Run("/usr/bin/python3", ["-c",
            $"import zarr, numpy as np; zarr.open('{data}/temperature', mode='w', shape=(20, 10), chunks=(10, 10), dtype='f8')[:] = np.arange(200).reshape(20, 10)"], packed.Root);
        Assert.True(made == 0, madeOutput);
        File.WriteAllText(Path.Combine(app, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="zarrcache-local" value="{packed.Feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{PackedFeed.GlobalPackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <RestorePackagesPath>{Path.Combine(packed.Root, "packages")}</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ZarrCache.Hosting" Version="{packed.Version}" />
                <PackageReference Include="ZarrCache.Zarr" Version="{packed.Version}" />
                <PackageReference Include="Microsoft.Extensions.Hosting" Version="10.0.15" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;
            using ZarrCache;
            using ZarrCache.Hosting;
            using ZarrCache.Zarr;

            var builder = Host.CreateApplicationBuilder(args);
            builder.Services.AddZarrCache(builder.Configuration);
            using var host = builder.Build();
            await host.StartAsync();
            var store = host.Services.GetRequiredService<CachedStore>();
            var array = await ZarrArray.OpenAsync(store, "temperature");
            var data = await array.ReadAsync<double>();
            Console.WriteLine($"{data.Data.Length} values, sum {data.Data.Sum()}");
            await host.StopAsync();
            """);

        var (code, output) = PackedFeed.Run("dotnet", ["run", "-c", "Release", "--", $"--ZarrCache:Origin={data}"], app);

        Assert.True(code == 0, output);
        Assert.Contains("200 values, sum 19900", output, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(packed.Root, "packages", "zarrcache.hosting", packed.Version)), "the app did not restore ZarrCache.Hosting from the feed");
    }

    [Fact]
    public void The_tool_installs_from_the_feed_and_runs_the_demo()
    {
        Assert.True(packed.PackFailure is null, packed.PackFailure);
        var tools = Path.Combine(packed.Root, "tools");
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(packed.Root, "tool-packages") };

        var (installed, installOutput) = PackedFeed.Run(
            "dotnet", ["tool", "install", "--tool-path", tools, "--add-source", packed.Feed, "--version", packed.Version, "zarr-cache"], packed.Root, environment);
        Assert.True(installed == 0, installOutput);
        var (code, output) = PackedFeed.Run(Path.Combine(tools, "zarr-cache"), ["demo", "--size", "1MiB", "--latency", "0"], packed.Root);

        Assert.True(code == 0, output);
        Assert.Contains("zarr-cache demo", output, StringComparison.Ordinal);
    }
}
