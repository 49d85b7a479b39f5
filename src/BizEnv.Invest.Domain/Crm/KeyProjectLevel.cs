namespace BizEnv.Invest.Domain.Crm;

/// <summary>Key-project level: none, municipal 市重点, provincial 省重点.</summary>
public enum KeyProjectLevel
{
    None,
    Municipal,
    Provincial,
}
