using Npgsql;

namespace BizEnv.Invest.Web.Tests.BadInput;

/// <summary>
/// A hash of every business table's rows, to tell whether a refused request changed anything.
/// The audit log is left out on purpose: a refused attempt is recorded there by design.
/// </summary>
public static class DatabaseFingerprint
{
    // The runtime's own bookkeeping changes in the background whatever the requests do: membership
    // heartbeats, reminders set by grains taking over the demo's promises from the re-arming queue.
    private static readonly string[] Excluded = ["audit_log", "data_protection_keys", "schema_migrations", "orleans_membership", "orleans_membership_version",
        "orleans_reminders", "orleans_storage", "deadline_rearm"];

    // Columns the app's background work stamps on its own: the outbox relay marks a row relayed when it
    // has pushed it through the cluster (seeded alerts are pushed soon after the start).
    private static readonly Dictionary<string, string> Rows = new() { ["outbox"] = "(x.id, x.type, x.payload, x.created_at)" };

    public static async Task<Dictionary<string, string>> TakeAsync(string connectionString)
    {
        await using var cn = new NpgsqlConnection(connectionString);
        await cn.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1", cn))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        var sql = string.Join(" UNION ALL ", tables.Where(t => !Excluded.Contains(t)).Select(t =>
            $"SELECT '{t}', count(*)::text || ':' || coalesce(sum(hashtextextended({Rows.GetValueOrDefault(t, "x")}::text, 0)), 0)::text FROM \"{t}\" x"));
        var result = new Dictionary<string, string>();
        await using var cmd = new NpgsqlCommand(sql, cn);
        await using var rows = await cmd.ExecuteReaderAsync();
        while (await rows.ReadAsync())
            result[rows.GetString(0)] = rows.GetString(1);
        return result;
    }

    public static IEnumerable<string> Changed(Dictionary<string, string> before, Dictionary<string, string> after) =>
        after.Where(a => !before.TryGetValue(a.Key, out var b) || b != a.Value).Select(a => a.Key);
}
