using BizEnv.Invest.Application.Agreements.Grain;
using BizEnv.Invest.Application.Chains.Grain;
using BizEnv.Invest.Application.Commitments.Alerts;
using BizEnv.Invest.Application.Commitments.Promises;
using BizEnv.Invest.Application.Commitments.Remediation.GetRemediationSummary;
using BizEnv.Invest.Application.Commitments.Remediation.Grain;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Crm.Investors.Grain;
using BizEnv.Invest.Application.Defaults.Grain;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Zones.Grain;
using BizEnv.Invest.Domain.Agreements;
using BizEnv.Invest.Domain.Chains;
using BizEnv.Invest.Application.Crm.Projects.Grain;
using BizEnv.Invest.Domain.Crm;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Zones;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace BizEnv.Invest.Application.Tests.Grains;

/// <summary>
/// Every message that crosses a grain interface survives the silo's serializer as it travels between
/// silos (field for field), and a refusal comes back as the very exception it stood for.
/// </summary>
public sealed class GrainMessageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private T RoundTrip<T>(T value)
    {
        var serializer = app.Services.GetRequiredService<Serializer>();
        return serializer.Deserialize<T>(serializer.SerializeToArray(value))!;
    }

    public static IEnumerable<object[]> Messages()
    {
        var parties = new PromiseParties(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "张专员");
        yield return [parties];
        Limit[] limits = [new(CommitmentKind.Land, null), new(CommitmentKind.Subsidy, 1_000_000m)];
        yield return [new RecordPromise(parties, limits, CommitmentKind.Land, "提供工业用地", 12.5m, Guid.NewGuid(), Resource.Land, 33_333.33m,
            new DateOnly(2026, 1, 5), new DateOnly(2027, 6, 30), "政策", "海政发〔2024〕12号", "HT-1")];
        yield return [new RecordPromise(parties, limits, CommitmentKind.Land, "按基准地价七折供地", null, null, null, null,
            new DateOnly(2026, 1, 5), new DateOnly(2027, 6, 30), null, null, null, [new FairRule(Guid.NewGuid(), "土地出让价格优惠", [CommitmentKind.Land, CommitmentKind.Other], ["地价", "优惠"], "《公平竞争审查条例》第十条")])];
        yield return [new FairRule(Guid.NewGuid(), "土地出让价格优惠", [CommitmentKind.Land, CommitmentKind.Other], ["地价", "优惠"], "《公平竞争审查条例》第十条")];
        yield return [new FairReviewOpinion(false, "属于要素价格优惠", 2, Guid.NewGuid(), "孙立新")];
        // A conditional promise: the agreement it was made under and the obligations it waits on.
        yield return [new RecordPromise(parties, limits, CommitmentKind.TaxRebate, "投产后返还", 3_000_000m, null, null, null,
            new DateOnly(2025, 3, 1), new DateOnly(2026, 6, 30), "政策", "海政发〔2024〕12号", "XY-1", AgreementId: Guid.NewGuid(), ConditionObligationIds: [Guid.NewGuid(), Guid.NewGuid()])];
        yield return [new ReviewPromise(true, "同意", 3, limits, Guid.NewGuid())];
        yield return [new ChangePromiseStatus(CommitmentStatus.Extended, "说明", null, 40m, new DateOnly(2028, 1, 1), "同意函", null, 2)];
        yield return [new AmendPromise("条款", 5m, null, "号", "HT", "理由", 4, limits, Guid.NewGuid())];
        yield return [new ReviewPromiseAmendment(Guid.NewGuid(), false, "不同意", 1, [], Guid.NewGuid())];
        yield return [new CapacityHold(Guid.NewGuid(), Guid.NewGuid(), Resource.Power, 500m, new DateOnly(2027, 1, 1), Guid.NewGuid())];
        yield return [new ZoneReservation(Guid.NewGuid(), Resource.Gas, 12m, true, Guid.NewGuid())];
        yield return [new ZoneTotal(Resource.Water, 1000m, "扩容", 7, Guid.NewGuid())];
        yield return [new ZoneReadiness(ReadinessItem.Power, ReadinessStatus.Partly, new DateOnly(2027, 3, 1), "施工中", 8, Guid.NewGuid())];
        yield return [new RaisedAlerts([Guid.NewGuid(), Guid.NewGuid()])];
        yield return [new NewProject(Guid.NewGuid(), "HC", Guid.NewGuid(), "锂电池生产基地", 5e8m, 1e8m, 800, KeyProjectLevel.Provincial, new DateOnly(2026, 11, 2), Guid.NewGuid())];
        yield return [new ProjectEdit("二期", 6e8m, null, null, KeyProjectLevel.Municipal, Guid.NewGuid(), "专班", "三年建成", 4)];
        yield return [new StageMove(ProjectStage.Terminated, new DateOnly(2026, 12, 1), "说明", "企业撤资", 5, Guid.NewGuid())];
        yield return [new StageReview(Guid.NewGuid(), false, "材料不全", Guid.NewGuid())];
        yield return [new InvestmentEntry(new DateOnly(2026, 11, 15), 25_000_000.50m, "首期", Guid.NewGuid())];
        yield return [new NewIssue(Guid.NewGuid(), "用电接入滞后", Guid.NewGuid(), new DateOnly(2026, 12, 31), Guid.NewGuid())];
        yield return [new IssueResolution(Guid.NewGuid(), "已接入")];
        yield return [new ProjectFile(Guid.NewGuid(), Guid.NewGuid(), "纪要.pdf", "application/pdf", [1, 2, 3], Guid.NewGuid())];
        yield return [new ConciergePairing(Guid.NewGuid(), null, "调任", Guid.NewGuid())];
        var order = new Application.Handover.HandoverOrder(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "{\"code\":\"handover.reason.disabled\",\"args\":[\"钱佳琪\"]}");
        yield return [order];
        yield return [new ConciergeHandover(order)];
        yield return [new PromiseHandover(order)];
        yield return [new Application.Handover.HandoverItemRef("promise", Guid.NewGuid(), "HC-2026-0001 设备补贴")];
        yield return [new Application.Handover.Grain.HandoverPlan(Guid.NewGuid(), Guid.NewGuid(), Domain.Handover.HandoverCause.Moved, Guid.NewGuid(), "调岗",
            Guid.NewGuid(), [new("demand", Guid.NewGuid(), "用电增容"), new("concierge", Guid.NewGuid(), "HC-2026-0002 储能基地")])];
        yield return [new Application.Handover.Grain.HandoverAcknowledgement("concierge", Guid.NewGuid(), Guid.NewGuid())];
        yield return [new Application.Handover.Grain.HandoverSummary(Guid.NewGuid(), 5, 2, 1, 1, 1)];
        yield return [new RefusalArg("decimal", "1.5")];
        yield return [new RemediationPlan(Guid.NewGuid(), "调查情况", "整改方案", Guid.NewGuid(), new DateOnly(2027, 3, 31), 2)];
        yield return [new RemediationReport(Guid.NewGuid(), "已列入预算", 40, 3, Guid.NewGuid())];
        yield return [new RemediationSignOff(Guid.NewGuid(), "拨付凭证", 4, Guid.NewGuid())];
        yield return [new RemediationUnitProgress(Guid.NewGuid(), "招商一处", 5, 3, 1, 2, 42.5m)];
        yield return [new ChainSettings("新能源汽车", "说明", 3, 1, 100_000_000m, 2, Guid.NewGuid())];
        yield return [new ChainEditors([Guid.NewGuid(), Guid.NewGuid()], Guid.NewGuid())];
        yield return [new NewChainNode(Guid.NewGuid(), "电芯", null, ["C3841"], ChainSegment.Midstream, true, Guid.NewGuid())];
        yield return [new ChainNodeChange(Guid.NewGuid(), "电芯", "方形", ["C3841", "C3849"], ChainSegment.Upstream, false, 4)];
        yield return [new ChainEdge(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid())];
        yield return [new NodeFirmDecision(Guid.NewGuid(), Guid.NewGuid(), true, Guid.NewGuid())];
        yield return [new NewChainTarget(Guid.NewGuid(), Guid.NewGuid(), null, "青川科技", "江苏常州", true, false, "补链", Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid())];
        yield return [new TargetStatusChange(Guid.NewGuid(), ChainTargetStatus.Dropped, "不再考虑", 3)];
        yield return [new TargetInvestorLink(Guid.NewGuid(), Guid.NewGuid(), 2)];
        yield return [new TargetProjectLink(Guid.NewGuid(), Guid.NewGuid())];
        yield return [new PresenceNews([Guid.NewGuid()], Guid.NewGuid(), null)];
        yield return [new InvestorSave(false, Guid.NewGuid(), "海川恒锐储能有限公司", "91370999000000001X", Domain.Crm.Ownership.Foreign, "江苏", "C3841", true, false,
            Guid.NewGuid(), [new InvestorContactSave(Guid.NewGuid(), "王经理", "总经理", "13800000000", null, true), new InvestorContactSave(null, "李", null, null, "li@example.com", false)],
            [Guid.NewGuid()], true, 3, Guid.NewGuid())];
        yield return [new DefaultRecovery(Guid.NewGuid(), 500_000.25m, new DateOnly(2026, 12, 1), "财政专户回单", 3, Guid.NewGuid())];
        yield return [new DefaultAmount(Guid.NewGuid(), 300_000m, "按协议第十二条计算", 2, Guid.NewGuid())];
        yield return [new DefaultAmount(Guid.NewGuid(), 0m, null, 2, Guid.NewGuid())];
        yield return [new DefaultClosure(Guid.NewGuid(), "土地已收回", 4, Guid.NewGuid())];
        var draft = new ObligationDraft(Guid.NewGuid(), ObligationKind.TaxPerMu, "亩均税收30万元", 30m, "万元/亩/年", new DateOnly(2028, 12, 31), 60,
            Remedy.RecoverSubsidy, 5_000_000m);
        yield return [draft];
        yield return [new SignedFile("协议.pdf", "application/pdf", [1, 2, 3])];
        yield return [new AgreementHandover(new Application.Handover.HandoverOrder(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "调离"), "obligation", Guid.NewGuid())];
        yield return [new NewAgreement(Guid.NewGuid(), Guid.NewGuid(), "HC-TZ-2026-001", "投资协议", "李主任", "王总", new DateOnly(2026, 3, 1), 30,
            [draft, draft with { ObligationId = Guid.NewGuid(), Kind = ObligationKind.StartOfConstruction, Target = null, Unit = null }],
            new SignedFile("协议.jpg", "image/jpeg", [4]), Guid.NewGuid())];
        yield return [new AgreementHeaderEdit(Guid.NewGuid(), "HC-TZ-2026-002", "补充协议", "李主任", "王总", new DateOnly(2026, 3, 2), 45, 3, Guid.NewGuid())];
        yield return [new NewObligation(draft, Guid.NewGuid())];
        yield return [new ProgressEntry(Guid.NewGuid(), 31.5m, new DateOnly(2026, 11, 20), "完税证明", Guid.NewGuid())];
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void A_message_crosses_the_silo_boundary_unchanged(object message) =>
        RoundTrip(message).ShouldBeEquivalentTo(message);

    [Fact]
    public void The_command_context_and_a_reply_cross_unchanged()
    {
        var context = new CommandContext(Guid.NewGuid(), "officer", "PromotionOfficer", "203.0.113.7", "RecordCommitment", "commitment", "x", "Land 1", "key-1",
            "T", [1, 2, 3]);
        RoundTrip(context).ShouldBeEquivalentTo(context);
        var reply = GrainReply.Refused(Refusal.From(new DomainException("capacity.insufficient", Resource.Land, new Quantity(Resource.Land, 10m), new Quantity(Resource.Land, 2m)))!);
        RoundTrip(reply).ShouldBeEquivalentTo(reply);
    }

    [Fact]
    public void A_refusal_becomes_the_exception_it_stood_for_with_its_arguments_typed_as_they_were()
    {
        var args = new object[] { CommitmentStatus.Lapsed, new Quantity(Resource.Land, 3335m), 12.5m, new DateOnly(2027, 6, 30), 7, "文字", Guid.Empty };
        var back = RoundTrip(Refusal.From(new DomainException("commitment.final", args))!).ToException().ShouldBeOfType<DomainException>();
        back.Code.ShouldBe("commitment.final");
        back.Args.ShouldBe(args);

        var field = RoundTrip(Refusal.From(new FieldRuleException("NewDueDate", "commitment.new_due_not_later", new DateOnly(2027, 1, 1)))!).ToException()
            .ShouldBeOfType<FluentValidation.ValidationException>();
        field.Errors.ShouldHaveSingleItem().PropertyName.ShouldBe("NewDueDate");
        field.Errors.Single().ErrorCode.ShouldBe("commitment.new_due_not_later");

        RoundTrip(Refusal.From(new VersionConflictException("commitment", Guid.Empty))!).ToException().ShouldBeOfType<ConcurrencyConflictException>();
        RoundTrip(Refusal.From(new NotFoundException("zone", Guid.Empty))!).ToException().ShouldBeOfType<NotFoundException>().ObjectType.ShouldBe("zone");
        var reused = RoundTrip(Refusal.From(new IdempotencyKeyReusedException())!);
        reused.Code.ShouldBe("idempotency.key_reused");
        reused.ToException().ShouldBeOfType<IdempotencyKeyReusedException>();
        var inProgress = RoundTrip(Refusal.From(new IdempotencyKeyInProgressException())!);
        inProgress.Code.ShouldBe("idempotency.in_progress");
        inProgress.ToException().ShouldBeOfType<IdempotencyKeyInProgressException>();
        Refusal.From(new InvalidOperationException("a fault")).ShouldBeNull();
    }

    [Fact]
    public void A_database_fault_in_a_grain_comes_back_as_the_fault_the_pipeline_answers_503_for()
    {
        RoundTrip(new Refusal(RefusalKind.Unavailable, "connection refused", null, [])).ToException().ShouldBeOfType<DatabaseUnavailableException>();
        RoundTrip(new Refusal(RefusalKind.OutcomeUnknown, "commit lost", "keyed", [])).ToException().ShouldBeOfType<OutcomeUnknownException>().Keyed.ShouldBeTrue();
        RoundTrip(new Refusal(RefusalKind.OutcomeUnknown, "commit lost", null, [])).ToException().ShouldBeOfType<OutcomeUnknownException>().Keyed.ShouldBeFalse();
        // A part of the cluster the command needed before its commit (the reminder's keeper) died: not done, say so.
        RoundTrip(new Refusal(RefusalKind.ClusterUnavailable, "silo gone", null, [])).ToException().ShouldBeOfType<ClusterUnavailableException>();
        BizEnv.Invest.Grains.GrainFaults.IsClusterFault(new Orleans.Runtime.SiloUnavailableException()).ShouldBeTrue();
        BizEnv.Invest.Grains.GrainFaults.IsClusterFault(new TimeoutException()).ShouldBeTrue();
        BizEnv.Invest.Grains.GrainFaults.IsClusterFault(new InvalidOperationException()).ShouldBeFalse();
    }

    [Fact]
    public void Arguments_of_every_kind_keep_their_type_and_value()
    {
        var at = new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.FromHours(8));
        object?[] args = [null, at, 12L, "文字"];
        var back = args.Select(a => RoundTrip(RefusalArg.Of(a)).Value()).ToArray();
        back[0].ShouldBeNull();
        back[1].ShouldBe(at);
        back[1].ShouldBeOfType<DateTimeOffset>().Offset.ShouldBe(TimeSpan.FromHours(8));
        back[2].ShouldBe("12"); // other values travel as their invariant text
        back[3].ShouldBe("文字");
    }

    [Fact]
    public void A_fault_with_a_driver_exception_anywhere_in_its_chain_leaves_the_grain_as_one_the_runtime_can_carry()
    {
        var log = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        var driver = new InvalidOperationException("tick failed", new Npgsql.NpgsqlException("connection reset"));
        var portable = BizEnv.Invest.Grains.GrainFaults.Portable(driver, log, Guid.Empty);
        portable.ShouldNotBeSameAs(driver);
        portable.InnerException.ShouldBeNull();
        portable.Message.ShouldBe("InvalidOperationException: tick failed ---> NpgsqlException: connection reset");
        RoundTrip(portable).Message.ShouldBe(portable.Message);

        var known = new TimeoutException("no answer", new InvalidOperationException("inner"));
        BizEnv.Invest.Grains.GrainFaults.Portable(known, log, Guid.Empty).ShouldBeSameAs(known);
    }
}
