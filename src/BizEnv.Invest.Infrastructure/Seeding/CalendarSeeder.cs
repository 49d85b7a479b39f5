using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BizEnv.Invest.Infrastructure.Seeding;

/// <summary>
/// Loads each shipped year of seeds/calendar once (journaled in seed_runs as "calendar:YYYY"). A
/// year an admin has already opened or edited is left alone: the database is the calendar of record.
/// </summary>
public sealed class CalendarSeeder(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<CalendarSeeder> log)
{
    public async Task SeedAsync(CancellationToken ct = default)
    {
        foreach (var file in ShippedYears())
        {
            await using var cn = await dataSource.OpenConnectionAsync(ct);
            await using var tx = await cn.BeginTransactionAsync(ct);
            var now = clock.GetUtcNow();
            var opened = await SeedRuns.ClaimAsync(cn, tx, $"calendar:{file.Year}", now, ct) && await cn.ExecuteAsync(new CommandDefinition(
                "INSERT INTO calendar_years (year, notice, loaded_at) VALUES (@Year, @Notice, @now) ON CONFLICT DO NOTHING",
                new { file.Year, file.Notice, now }, tx, cancellationToken: ct)) == 1;
            if (opened)
            {
                await cn.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO calendar_days (day, kind, name, updated_at, updated_by)
                    VALUES (@Date, @Kind, @Name, @now, 'seed') ON CONFLICT DO NOTHING
                    """, file.Days.Select(d => new { Date = DateOnly.Parse(d.Date), Kind = Kind(d.Kind), d.Name, now }),
                    tx, cancellationToken: ct));
                log.LogInformation("Loaded working-day calendar {Year} ({Days} days)", file.Year, file.Days.Count);
            }
            await tx.CommitAsync(ct);
        }
    }

    private static string Kind(string kind) => kind switch
    {
        "holiday" => "Holiday",
        "workday" => "Workday",
        _ => throw new InvalidOperationException($"Unknown calendar day kind '{kind}'"),
    };

    public static IReadOnlyList<CalendarFile> ShippedYears() =>
        EmbeddedJson.ReadAll<CalendarFile>("Calendar.").OrderBy(f => f.Year).ToList();

    public sealed record CalendarFile(int Year, string Notice, List<CalendarFileDay> Days);

    public sealed record CalendarFileDay(string Date, string Kind, string Name);
}

internal static class EmbeddedJson
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    public static IEnumerable<T> ReadAll<T>(string prefix)
    {
        var assembly = typeof(EmbeddedJson).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order())
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            yield return JsonSerializer.Deserialize<T>(stream, Options) ?? throw new InvalidOperationException($"Empty seed file {name}");
        }
    }

    public static T Read<T>(string name)
    {
        using var stream = typeof(EmbeddedJson).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Missing embedded seed file {name}");
        return JsonSerializer.Deserialize<T>(stream, Options) ?? throw new InvalidOperationException($"Empty seed file {name}");
    }
}
