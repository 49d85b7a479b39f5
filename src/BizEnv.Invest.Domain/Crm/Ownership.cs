namespace BizEnv.Invest.Domain.Crm;

/// <summary>Ownership of an investor: state 国有, private 民营, foreign 外资, Hong Kong/Macao/Taiwan 港澳台.</summary>
public enum Ownership
{
    State,
    Private,
    Foreign,
    HongKongMacaoTaiwan,
}
