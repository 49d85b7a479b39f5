using BizEnv.Invest.Application.Auth;
using BizEnv.Invest.Application.Commitments;
using BizEnv.Invest.Application.Common.Mapping;
using BizEnv.Invest.Application.Units;
using BizEnv.Invest.Application.Users;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Identity;
using BizEnv.Invest.Domain.Zones;
using Mapster;

namespace BizEnv.Invest.Application.Tests.Mapping;

/// <summary>The one Mapster config compiles with every destination member sourced, and each map carries every field across.</summary>
public sealed class MapsTests
{
    [Fact]
    public void The_config_compiles_with_every_map_declared_and_every_destination_member_sourced() =>
        Should.NotThrow(() => Maps.Config.Compile());

    [Fact]
    public void A_destination_member_with_no_source_fails_validation_instead_of_staying_empty()
    {
        var config = Maps.Config.Clone();
        config.NewConfig<NoPhone, UserContact>();
        Should.Throw<CompileException>(() => config.Compile()).Message.ShouldContain(nameof(UserContact.Phone));
    }

    [Fact]
    public void A_type_pair_not_declared_is_refused_rather_than_mapped_by_convention() =>
        Should.Throw<CompileException>(() => new NoPhone("张三").To<UserContact>());

    [Fact]
    public void A_unit_row_maps_its_kind_and_its_init_only_members()
    {
        var head = Guid.NewGuid();
        var dto = new UnitRow(Guid.NewGuid(), null, "HD", "海淀区", "Haidian", "Division", 1, 7, 3, true, head, "王主任").ToDto();
        dto.ShouldBe(new UnitDto(dto.Id, null, "HD", "海淀区", "Haidian", UnitKind.Division, 1, 7, 3) { RequiresStageReview = true, HeadUserId = head, HeadName = "王主任" });
    }

    [Fact]
    public void A_user_row_maps_its_stored_roles_to_roles()
    {
        var at = DateTimeOffset.Parse("2026-03-01T08:00:00+08:00");
        var dto = new UserRow(Guid.NewGuid(), "officer", "张专员", Guid.NewGuid(), "招商局", ["PromotionOfficer", "ParkManager"], "a@b.cn", "010-1",
            true, false, at, at.AddDays(1), at.AddDays(-9), 5).ToDto();
        dto.Roles.ShouldBe([Role.PromotionOfficer, Role.ParkManager]);
        (dto.UserName, dto.DisplayName, dto.UnitName, dto.Email, dto.Phone, dto.IsDisabled, dto.MustChangePassword)
            .ShouldBe(("officer", "张专员", "招商局", "a@b.cn", "010-1", true, false));
        (dto.LockedUntil, dto.LastSignInAt, dto.CreatedAt, dto.Version).ShouldBe((at, at.AddDays(1), at.AddDays(-9), 5));
    }

    [Fact]
    public void A_session_row_leaves_the_password_behind_and_keeps_both_unit_names()
    {
        var stamp = Guid.NewGuid();
        var user = new SessionUserRow(Guid.NewGuid(), "leader", "李局长", Guid.NewGuid(), "商务局", "Commerce Bureau", ["Leader"], true, stamp, "en-US", false,
            "hash", 2, null).ToSessionUser();
        (user.UserName, user.DisplayName, user.UnitNameZh, user.UnitNameEn, user.MustChangePassword, user.SecurityStamp, user.Language, user.IsDisabled)
            .ShouldBe(("leader", "李局长", "商务局", "Commerce Bureau", true, stamp, "en-US", false));
        user.Roles.ShouldBe([Role.Leader]);
    }

    [Fact]
    public void A_commitment_row_maps_kind_status_and_an_absent_resource()
    {
        var row = new CommitmentRow(Guid.NewGuid(), Guid.NewGuid(), "XM-1", Guid.NewGuid(), "甲公司", Guid.NewGuid(), "Subsidy", "奖励", 100m, null, null, null,
            new DateOnly(2017, 5, 1), new DateOnly(2019, 1, 1), "张", "政策", "号", "HT", "Lapsed", "awaiting", 0.5m, 4);
        var state = row.ToState();
        (state.Kind, state.Status, state.Resource, state.ZoneId).ShouldBe((CommitmentKind.Subsidy, CommitmentStatus.Lapsed, (Resource?)null, (Guid?)null));
        (state.ProjectNumber, state.InvestorName, state.Clause, state.ValueCny, state.MadeOn, state.DueDate, state.PendingReason, state.FulfilledShare, state.Version)
            .ShouldBe(("XM-1", "甲公司", "奖励", (decimal?)100m, new DateOnly(2017, 5, 1), new DateOnly(2019, 1, 1), "awaiting", (decimal?)0.5m, 4));
        (row with { Resource = "Land", ZoneId = row.Id }).ToState().Resource.ShouldBe(Resource.Land);
    }

    private sealed record NoPhone(string Name);

    private sealed record UserContact(string Name, string Phone);
}
