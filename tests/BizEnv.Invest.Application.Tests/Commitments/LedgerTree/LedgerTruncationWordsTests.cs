using BizEnv.Invest.Application.Commitments.VerifyLedger;
using BizEnv.Invest.Application.Localization;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Tests.Commitments.LedgerTree;

/// <summary>The integrity office's page after a superuser cut the ledger short: the old chain check passes this; the page names the checkpoint.</summary>
public sealed class LedgerTruncationWordsTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_ledger_page_names_the_checkpoint_a_truncated_ledger_falls_short_of()
    {
        await app.RecordPromises(8);
        var integrity = await app.As("integrity");
        var checkpoint = await app.Send(new CreateCheckpoint(), integrity);
        await using (var su = new NpgsqlConnection(app.Database.SuperuserConnectionString))
            await su.ExecuteAsync("SET session_replication_role = replica; DELETE FROM commitment_ledger WHERE seq > @left", new { left = checkpoint.Size - 3 });
        var id = await app.Scalar<long>("SELECT max(id) FROM ledger_checkpoints");

        var check = await app.Send(new VerifyLedger(), integrity);
        check.ShouldSatisfyAllConditions(
            c => c.Intact.ShouldBeFalse(), c => c.Entries.ShouldBe(checkpoint.Size - 3), c => c.FirstBrokenSeq.ShouldBe(checkpoint.Size - 2), c => c.Broken.ShouldBeNull(),
            c => c.ProblemText.ShouldBe(Text.Get("ledger.problem.truncated", id, checkpoint.Size, checkpoint.Size - 3, checkpoint.At)));
        check.ProblemText!.ShouldContain($"#{id}");
    }
}
