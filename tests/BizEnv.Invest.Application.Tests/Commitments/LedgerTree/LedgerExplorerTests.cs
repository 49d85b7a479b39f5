using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.LedgerExplorer.ExportCheckpoints;
using BizEnv.Invest.Application.Commitments.LedgerExplorer.ListCheckpoints;
using BizEnv.Invest.Application.Commitments.LedgerExplorer.ProveConsistency;
using BizEnv.Invest.Application.Commitments.LedgerExplorer.ProveEntry;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Infrastructure.Xlsx;
using Npgsql;

namespace BizEnv.Invest.Application.Tests.Commitments.LedgerTree;

/// <summary>
/// The integrity office's explorer on a real ledger: the history with every seal checked on read, proofs that
/// hold on an intact ledger and fail — or name what is gone — once a superuser has been at it.
/// </summary>
public sealed class LedgerExplorerTests
{
    [Fact]
    public async Task The_history_lists_checkpoints_newest_first_a_page_at_a_time_with_each_seal_checked_on_read()
    {
        await using var ledger = await TestLedger.CreateAsync(3);
        for (var i = 0; i < 3; i++)
        {
            await ledger.CheckpointAsync();
            await ledger.AppendAsync(2);
        }
        var first = await ledger.Scalar<long>("SELECT min(id) FROM ledger_checkpoints");
        // A note rewritten by hand: still a row, but its seal no longer verifies.
        await ledger.AsSuperuser("UPDATE ledger_checkpoints SET note = replace(note, '\n3\n', '\n4\n') WHERE id = @first", new { first });

        var page = await List(ledger, new ListCheckpoints(Page: 1, PageSize: 2));
        page.Total.ShouldBe(3);
        page.PageCount.ShouldBe(2);
        page.Items.Select(c => c.Size).ShouldBe([7L, 5L]);
        page.Items.ShouldAllBe(c => c.Seal == "verified" && c.Algorithm == ledger.Signer.Algorithm && c.TreeRoot!.Length == 64);
        var last = (await List(ledger, new ListCheckpoints(Page: 2, PageSize: 2))).Items.ShouldHaveSingleItem();
        (last.Id, last.Size, last.Seal).ShouldBe((first, 3L, "invalid"));
    }

    [Fact]
    public async Task Each_checkpoint_names_the_witnesses_whose_cosignatures_verify_and_counts_those_registered()
    {
        await using var ledger = await TestLedger.CreateAsync(3);
        var first = await ledger.CheckpointAsync();
        await ledger.AppendAsync(1);
        var second = await ledger.CheckpointAsync();
        var (older, newer) = await Ids(ledger);
        var (audit, auditKey) = WitnessAnchorTests.NewKey();
        var (congress, congressKey) = WitnessAnchorTests.NewKey();
        await ledger.AsSuperuser("""
            INSERT INTO ledger_witnesses (name, office, public_key, key_id, added_by, added_at) VALUES
                ('audit-bureau', '审计局', @auditKey, 'a', gen_random_uuid(), now()), ('peoples-congress', '人大', @congressKey, 'c', gen_random_uuid(), now()),
                ('retired', '旧', @retiredKey, 'r', gen_random_uuid(), now() - interval '1 day');
            UPDATE ledger_witnesses SET retired_at = now() WHERE name = 'retired';
            """, new { auditKey, congressKey, retiredKey = WitnessAnchorTests.NewKey().Public });
        string Line(string name, Org.BouncyCastle.Crypto.Parameters.Ed25519PrivateKeyParameters key, Application.Commitments.VerifyLedger.CheckpointDto on) =>
            WitnessAnchorTests.Cosign(name, key, Application.Commitments.Ledger.Signing.CheckpointNote.Parse(on.Note)!.Body, 1_795_000_000).Line;
        // Both witnessed the older one; on the newer, the congress's row carries a signature over the older note: not a cosignature of this one.
        await ledger.AsSuperuser("""
            INSERT INTO ledger_cosignatures VALUES (@older, 'audit-bureau', @a1, now(), now()), (@older, 'peoples-congress', @c1, now(), now()),
                                                   (@newer, 'audit-bureau', @a2, now(), now()), (@newer, 'peoples-congress', @c1, now(), now())
            """, new { older, newer, a1 = Line("audit-bureau", audit, first), c1 = Line("peoples-congress", congress, first), a2 = Line("audit-bureau", audit, second) });

        await using var session = new Session(ledger.App);
        var history = await new ListCheckpointsHandler(session, ledger.Signer).Handle(new ListCheckpoints(), default);
        history.Witnesses.ShouldBe(2);
        history.Page.Items.Select(c => c.WitnessedBy).ShouldBe([["audit-bureau"], ["audit-bureau", "peoples-congress"]]);
    }

    [Fact]
    public async Task The_dates_are_China_calendar_days_both_inclusive()
    {
        await using var ledger = await TestLedger.CreateAsync(2);
        await ledger.CheckpointAsync();
        // 23:30 UTC on 1 Nov is 07:30 on 2 Nov in Beijing.
        await ledger.AsSuperuser("UPDATE ledger_checkpoints SET at = '2026-11-01T23:30:00Z'");
        var day = new DateOnly(2026, 11, 2);

        (await List(ledger, new ListCheckpoints(day, day))).Total.ShouldBe(1);
        (await List(ledger, new ListCheckpoints(null, day.AddDays(-1)))).Total.ShouldBe(0);
        (await List(ledger, new ListCheckpoints(day.AddDays(1), null))).Total.ShouldBe(0);
    }

    [Fact]
    public async Task An_entry_is_proven_within_a_checkpoint_from_the_entry_as_stored()
    {
        await using var ledger = await TestLedger.CreateAsync(9);
        var sealedNine = await ledger.CheckpointAsync();
        await ledger.AppendAsync(4);
        await ledger.CheckpointAsync();
        var (older, newer) = await Ids(ledger);

        var proof = await Prove(ledger, new ProveEntry(5, older));
        proof.ShouldSatisfyAllConditions(
            p => p.Verified.ShouldBeTrue(), p => p.PathLeadsToRoot.ShouldBeTrue(), p => p.Seq.ShouldBe(5), p => p.Checkpoint.Size.ShouldBe(9),
            p => p.Checkpoint.TreeRoot.ShouldBe(sealedNine.TreeRoot), p => p.Path.Count.ShouldBe(4), p => p.EventText.ShouldNotBeNullOrEmpty());
        (await Prove(ledger, new ProveEntry(13, newer))).Verified.ShouldBeTrue();
        (await Prove(ledger, new ProveEntry(1, newer))).Verified.ShouldBeTrue();
    }

    [Fact]
    public async Task An_entry_changed_after_sealing_does_not_lead_to_the_root_and_a_deleted_one_is_named()
    {
        await using var ledger = await TestLedger.CreateAsync(6);
        await ledger.CheckpointAsync();
        var (id, _) = await Ids(ledger);
        await ledger.AsSuperuser("UPDATE commitment_ledger SET state = replace(state, '审批', '审核') WHERE seq = 3");
        await ledger.AsSuperuser("DELETE FROM commitment_ledger WHERE seq = 6");

        var changed = await Prove(ledger, new ProveEntry(3, id));
        (changed.PathLeadsToRoot, changed.Verified).ShouldBe((false, false));
        (await Prove(ledger, new ProveEntry(2, id))).Verified.ShouldBeTrue();
        var gone = await Should.ThrowAsync<DomainException>(() => Prove(ledger, new ProveEntry(6, id)));
        gone.Code.ShouldBe("ledger.explorer.entry_missing");
        gone.Args.ShouldBe([6L, id]);
        (await Should.ThrowAsync<DomainException>(() => Prove(ledger, new ProveEntry(7, id)))).Code.ShouldBe("ledger.proof.leaf_out_of_range");
        (await Should.ThrowAsync<DomainException>(() => Prove(ledger, new ProveEntry(0, id)))).Code.ShouldBe("ledger.proof.leaf_out_of_range");
    }

    [Fact]
    public async Task A_proof_against_a_checkpoint_whose_seal_fails_is_not_verified_even_when_the_path_holds()
    {
        await using var ledger = await TestLedger.CreateAsync(4);
        await ledger.CheckpointAsync();
        var (id, _) = await Ids(ledger);
        await ledger.AsSuperuser("UPDATE ledger_checkpoints SET note = replace(note, '\n4\n', '\n5\n')");

        var proof = await Prove(ledger, new ProveEntry(2, id));
        (proof.PathLeadsToRoot, proof.Verified, proof.Checkpoint.Seal).ShouldBe((true, false, "invalid"));
    }

    [Fact]
    public async Task Two_checkpoints_are_proven_consistent_and_a_rewrite_between_them_is_not()
    {
        await using var ledger = await TestLedger.CreateAsync(5);
        await ledger.CheckpointAsync();
        await ledger.AppendAsync(6);
        await ledger.CheckpointAsync();
        var (older, newer) = await Ids(ledger);

        var check = await Consistency(ledger, new ProveConsistency(older, newer));
        (check.ProofHolds, check.Verified, check.Old.Size, check.New.Size).ShouldBe((true, true, 5L, 11L));
        check.Proof.ShouldNotBeEmpty();
        (await Consistency(ledger, new ProveConsistency(newer, newer))).Verified.ShouldBeTrue();

        // A fork: the older checkpoint's root replaced by the root of other content, re-signed by nobody.
        await ledger.AsSuperuser("UPDATE ledger_checkpoints SET tree_root = @other WHERE id = @older", new { other = new byte[32], older });
        var forked = await Consistency(ledger, new ProveConsistency(older, newer));
        (forked.ProofHolds, forked.Verified).ShouldBe((false, false));
    }

    [Fact]
    public async Task Proofs_name_what_cannot_be_proven()
    {
        await using var ledger = await TestLedger.CreateAsync(3);
        await ledger.CheckpointAsync();
        await ledger.AppendAsync(1);
        await ledger.CheckpointAsync();
        var (older, newer) = await Ids(ledger);

        var backwards = await Should.ThrowAsync<DomainException>(() => Consistency(ledger, new ProveConsistency(newer, older)));
        backwards.Code.ShouldBe("ledger.explorer.sizes_order");
        backwards.Args.ShouldBe([newer, 4L, older, 3L]);
        await ledger.AsSuperuser("UPDATE ledger_checkpoints SET tree_root = NULL, note = NULL WHERE id = @older", new { older });
        (await Should.ThrowAsync<DomainException>(() => Consistency(ledger, new ProveConsistency(older, newer)))).Code.ShouldBe("ledger.explorer.legacy_checkpoint");
        (await Should.ThrowAsync<DomainException>(() => Prove(ledger, new ProveEntry(1, older)))).Code.ShouldBe("ledger.explorer.legacy_checkpoint");
        (await List(ledger, new ListCheckpoints())).Items.Single(c => c.Id == older).Seal.ShouldBe("legacy");
        await Should.ThrowAsync<Errors.NotFoundException>(() => Prove(ledger, new ProveEntry(1, newer + 100)));
    }

    [Fact]
    public async Task The_export_holds_every_checkpoint_oldest_first_with_its_signed_note()
    {
        await using var ledger = await TestLedger.CreateAsync(2);
        var a = await ledger.CheckpointAsync();
        await ledger.AppendAsync(1);
        var b = await ledger.CheckpointAsync();

        await using var session = new Session(ledger.App);
        await using var file = await new ExportCheckpointsHandler(session, ledger.Signer, new XlsxExporter(), TimeProvider.System).Handle(new ExportCheckpoints(), default);
        file.FileName.ShouldStartWith("ledger-checkpoints-");
        using var bytes = new MemoryStream();
        await file.Content.CopyToAsync(bytes);
        var cells = new XlsxReader().Read(bytes.ToArray()).Rows.SelectMany(r => r.Cells).ToList();
        cells.IndexOf(a.Note).ShouldBeGreaterThan(-1);
        cells.IndexOf(a.Note).ShouldBeLessThan(cells.IndexOf(b.Note));
        cells.ShouldContain(a.TreeRoot);

        var reversed = await Should.ThrowAsync<FluentValidation.ValidationException>(() =>
            new ExportCheckpointsHandler(session, ledger.Signer, new XlsxExporter(), TimeProvider.System).Handle(new ExportCheckpoints(new DateOnly(2026, 2, 1), new DateOnly(2026, 1, 1)), default));
        reversed.Errors.ShouldHaveSingleItem().ErrorCode.ShouldBe("ledger.explorer.dates_order");
    }

    [Fact]
    public void A_list_with_the_end_before_the_start_is_refused()
    {
        var result = new ListCheckpointsValidator().Validate(new ListCheckpoints(new DateOnly(2026, 2, 1), new DateOnly(2026, 1, 31)));
        result.Errors.ShouldHaveSingleItem().ErrorCode.ShouldBe("ledger.explorer.dates_order");
        new ListCheckpointsValidator().Validate(new ListCheckpoints(new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 1))).IsValid.ShouldBeTrue();
    }

    private static async Task<(long Older, long Newer)> Ids(TestLedger ledger) =>
        (await ledger.Scalar<long>("SELECT min(id) FROM ledger_checkpoints"), await ledger.Scalar<long>("SELECT max(id) FROM ledger_checkpoints"));

    private static async Task<Common.Page<Application.Commitments.LedgerExplorer.CheckpointSummary>> List(TestLedger ledger, ListCheckpoints query)
    {
        await using var session = new Session(ledger.App);
        return (await new ListCheckpointsHandler(session, ledger.Signer).Handle(query, default)).Page;
    }

    private static async Task<EntryProof> Prove(TestLedger ledger, ProveEntry query)
    {
        await using var session = new Session(ledger.App);
        return await new ProveEntryHandler(session, ledger.Signer).Handle(query, default);
    }

    private static async Task<ConsistencyCheck> Consistency(TestLedger ledger, ProveConsistency query)
    {
        await using var session = new Session(ledger.App);
        return await new ProveConsistencyHandler(session, ledger.Signer).Handle(query, default);
    }

    /// <summary>A query's session: one connection of the app role, no transaction (as a query runs).</summary>
    private sealed class Session(NpgsqlDataSource app) : IDbSession, IAsyncDisposable
    {
        private NpgsqlConnection? _cn;

        public async ValueTask<NpgsqlConnection> ConnectionAsync(CancellationToken ct = default) => _cn ??= await app.OpenConnectionAsync(ct);

        public NpgsqlTransaction? Transaction => null;

        public Task BeginAsync(CancellationToken ct = default) => throw new NotSupportedException();

        public Task CommitAsync(CancellationToken ct = default) => throw new NotSupportedException();

        public Task RollbackAsync(CancellationToken ct = default) => throw new NotSupportedException();

        public async ValueTask DisposeAsync()
        {
            if (_cn is not null)
                await _cn.DisposeAsync();
        }
    }
}
