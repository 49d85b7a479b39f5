using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Handover;

/// <summary>Small shared reads of the handover kinds.</summary>
public static class HandoverLabels
{
    private const int Longest = 80;

    /// <summary>How an item reads in a list: its number (if any) and the start of its text.</summary>
    public static string Of(string? number, string text)
    {
        var t = text.ReplaceLineEndings(" ").Trim();
        if (t.Length > Longest)
            t = t[..(Longest - 1)] + "…";
        return number is null ? t : $"{number} {t}";
    }

    /// <summary>Whether <paramref name="user"/> is an active account holding one of <paramref name="roles"/> (null: any role).</summary>
    public static Task<bool> HasActiveRoleAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid user, string[]? roles, CancellationToken ct) =>
        cn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM users WHERE id = @user AND NOT is_disabled AND (@roles::text[] IS NULL OR roles && @roles::text[]))",
            new { user, roles }, tx, cancellationToken: ct));
}
