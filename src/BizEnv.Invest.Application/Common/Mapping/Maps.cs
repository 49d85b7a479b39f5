using BizEnv.Invest.Application.Auth;
using BizEnv.Invest.Application.Commitments;
using BizEnv.Invest.Application.Units;
using BizEnv.Invest.Application.Users;
using Mapster;

namespace BizEnv.Invest.Application.Common.Mapping;

/// <summary>
/// The one Mapster configuration: the plain maps from database rows to what handlers return, member
/// by name (a stored enum's text to the enum, a roles array to the list). Every map must be declared
/// here and every destination member must have a source, so a column renamed on one side fails the
/// validation test instead of leaving a property empty. A map that computes (a status derived from
/// two columns, a parsed list) stays explicit code beside its row.
/// </summary>
public static class Maps
{
    public static TypeAdapterConfig Config { get; } = Build();

    /// <summary>Maps <paramref name="source"/> with the one configuration (never Mapster's global one).</summary>
    public static TDestination To<TDestination>(this object source) => source.Adapt<TDestination>(Config);

    private static TypeAdapterConfig Build()
    {
        var config = new TypeAdapterConfig { RequireExplicitMapping = true, RequireDestinationMemberSource = true };
        config.NewConfig<UnitRow, UnitDto>();
        config.NewConfig<UserRow, UserDto>();
        config.NewConfig<SessionUserRow, SessionUser>();
        config.NewConfig<CommitmentRow, CommitmentState>();
        return config;
    }
}
