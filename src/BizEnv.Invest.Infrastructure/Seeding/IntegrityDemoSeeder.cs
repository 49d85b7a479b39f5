using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.AmendCommitment;
using BizEnv.Invest.Application.Commitments.Cases.AddResponsiblePerson;
using BizEnv.Invest.Application.Commitments.Cases.AssignInvestigator;
using BizEnv.Invest.Application.Commitments.Remediation.PlanRemediation;
using BizEnv.Invest.Application.Commitments.Remediation.ReportRemediationProgress;
using BizEnv.Invest.Application.Commitments.TriageBreachAlert;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BizEnv.Invest.Infrastructure.Seeding;

/// <summary>
/// Run once the silo is up (<see cref="DemoGrainWork"/>). The integrity office's demo work, done through the same requests people use (so every step is
/// on the ledger and audited): the demo promises that are already past due are lapsed, the oldest
/// breach is confirmed and its case given an investigator and a responsible person; one pre-2018
/// item gets a study, a plan and a progress report; an officer asks to widen a financing promise
/// beyond the unit's limit, which waits for the leader; the promotion divisions get their heads
/// (warned with the promiser before a promise falls due). Loaded once ("demo:integrity").
/// </summary>
public sealed class IntegrityDemoSeeder(NpgsqlDataSource dataSource, RequestDispatcher dispatcher, global::Orleans.IGrainFactory grains, TimeProvider clock,
    ILogger<IntegrityDemoSeeder> log)
{
    public const string Marker = "demo:integrity";

    public async Task<bool> SeedAsync(CancellationToken ct = default)
    {
        await using var cn = await dataSource.OpenConnectionAsync(ct);
        if (!await SeedRuns.ClaimAsync(cn, null, Marker, clock.GetUtcNow(), ct))
            return false;
        await cn.ExecuteAsync(new CommandDefinition("""
            UPDATE units u SET head_user_id = h.id FROM users h
            WHERE (u.code, h.user_name) IN (('HCZS1', 'officer'), ('HCZS2', 'officer2'))
            """, cancellationToken: ct));
        // The demo promises already past due lapse now, through their grains, so the office has breaches to work on.
        var due = await cn.QueryAsync<Guid>(new CommandDefinition(
            "SELECT id FROM commitments WHERE status IN ('Open', 'InProgress', 'PartlyFulfilled', 'Extended') AND lapse_at <= @now",
            new { now = clock.GetUtcNow() }, cancellationToken: ct));
        await Task.WhenAll(due.Select(id => grains.GetGrain<BizEnv.Invest.Application.Commitments.Promises.IPromiseGrain>(id).CheckDeadlines()));

        var integrity = await ActorOf(cn, "integrity", ct);
        var alert = await cn.QueryFirstOrDefaultAsync<(Guid Id, int Version)?>(new CommandDefinition(
            "SELECT id, version FROM breach_alerts WHERE status = 'New' AND kind = 'Breach' ORDER BY due_date LIMIT 1", cancellationToken: ct));
        if (integrity is not null && alert is { } a)
        {
            var opened = await dispatcher.Send(new TriageBreachAlert(a.Id, true, null, "补助资金未按合同约定拨付，情况属实", a.Version), integrity, ct);
            var state = await dispatcher.Send(new AssignInvestigator(opened.CaseId!.Value, integrity.UserId!.Value, 1), integrity, ct);
            await dispatcher.Send(new AddResponsiblePerson(state.Id, "李明", "招商一处处长", "海川市投资促进局招商一处", Responsibility.Direct, state.Version), integrity, ct);
        }

        var officer = await ActorOf(cn, "officer", ct);
        var item = await cn.QueryFirstOrDefaultAsync<(Guid Id, Guid Unit)?>(new CommandDefinition("""
            SELECT r.commitment_id, c.unit_id FROM remediation_items r JOIN commitments c ON c.id = r.commitment_id ORDER BY c.made_on LIMIT 1
            """, cancellationToken: ct));
        if (integrity is not null && item is { } i)
        {
            var planned = await dispatcher.Send(new PlanRemediation(i.Id, "签约时承诺的税收奖励因原政策到期未兑现，企业仍在本市经营、纳税正常。",
                "按现行政策重新核定奖励金额，纳入明年预算分两期兑现。", i.Unit, clock.Today().AddDays(20), 1), integrity, ct);
            await dispatcher.Send(new ReportRemediationProgress(i.Id, "已与企业对账，金额经财政局复核", 30, planned.Version), integrity, ct);
        }

        var financing = await cn.QueryFirstOrDefaultAsync<(Guid Id, string Clause, decimal Value, string? Title, string? Number, string? Contract, int Version)?>(
            new CommandDefinition("""
                SELECT id, clause, value_cny, policy_title, policy_number, contract_ref, version FROM commitments
                WHERE kind = 'Financing' AND status = 'Open' ORDER BY created_at LIMIT 1
                """, cancellationToken: ct));
        var promiser = financing is null ? null : await cn.QueryFirstOrDefaultAsync<string>(new CommandDefinition(
            "SELECT u.user_name FROM commitments c JOIN users u ON u.id = c.promiser_id WHERE c.id = @Id", new { financing.Value.Id }, cancellationToken: ct));
        if (financing is { } f && promiser is not null && await ActorOf(cn, promiser, ct) is { } owner)
            await dispatcher.Send(new AmendCommitment(f.Id, "协调银行授信 4 亿元", 400_000_000m, f.Title, f.Number, f.Contract, "企业二期扩产，授信需求增加", f.Version), owner, ct);

        log.LogInformation("Loaded the integrity office's demo work");
        return true;
    }

    private static async Task<Actor?> ActorOf(NpgsqlConnection cn, string userName, CancellationToken ct)
    {
        var row = await cn.QueryFirstOrDefaultAsync<(Guid Id, Guid UnitId, string[] Roles)?>(new CommandDefinition(
            "SELECT id, unit_id, roles FROM users WHERE user_name = @userName", new { userName }, cancellationToken: ct));
        return row is { } r ? new Actor(r.Id, userName, r.UnitId, r.Roles.Select(Enum.Parse<Role>).ToHashSet(), null) : null;
    }
}
