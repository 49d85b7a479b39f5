using System.Text;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BizEnv.Invest.Infrastructure.Seeding;

/// <summary>Loads the GB/T 4754-2017 industry classification (seeds/industry) once, parents before children.</summary>
public sealed class IndustrySeeder(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<IndustrySeeder> log)
{
    public const string Marker = "industry:gbt4754-2017";

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var cn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await cn.BeginTransactionAsync(ct);
        if (!await SeedRuns.ClaimAsync(cn, tx, Marker, clock.GetUtcNow(), ct))
            return;
        var rows = Read().ToList();
        // Sorted by code, so every parent row comes before its children.
        await cn.ExecuteAsync(new CommandDefinition(
            "INSERT INTO industries (code, level, parent, name_zh) VALUES (@Code, @Level, @Parent, @Name) ON CONFLICT DO NOTHING",
            rows.OrderBy(r => r.Code.Length).ThenBy(r => r.Code, StringComparer.Ordinal), tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        log.LogInformation("Loaded {Count} GB/T 4754-2017 industry codes", rows.Count);
    }

    public static IEnumerable<IndustryRow> Read()
    {
        using var stream = typeof(IndustrySeeder).Assembly.GetManifestResourceStream("Industry.gbt4754-2017.csv")
            ?? throw new InvalidOperationException("Missing embedded seeds/industry/gbt4754-2017.csv");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        reader.ReadLine(); // header: code,level,parent,name_zh
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
                continue;
            var parts = line.Split(',', 4);
            yield return new IndustryRow(parts[0], parts[1], parts[2].Length == 0 ? null : parts[2], parts[3].Trim('"'));
        }
    }

    public sealed record IndustryRow(string Code, string Level, string? Parent, string Name);
}
