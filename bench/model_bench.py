"""Plain PyTorch side of bench/model-bench.sh: the same Llama model, the same work, on the CPU.

  model_bench.py DIR BATCH SEQ PROMPT NEW REPS GEN_BATCH GEN_BATCH_NEW

Scoring: one forward of BATCH x SEQ tokens, log-softmax, gather, sum over the completion (the last
3/4 of each row). Generation: greedy, batch 1, a KV cache, NEW tokens after a PROMPT-token prompt.
Batched generation (the evaluation path): greedy, GEN_BATCH prompts of PROMPT - (row % 4) tokens,
left-padded, positions counted over real tokens and padding masked (as transformers does it),
a KV cache, GEN_BATCH_NEW tokens each.
Weights are read with ../shared/bench/torch_ref.py's safetensors reader (no transformers)."""
import json, math, os, sys, time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # torch's threads call BLAS; no nested threading
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "bench"))
import torch  # noqa: E402
import torch_ref  # noqa: E402

torch.set_num_threads(int(os.environ.get("THREADS", "2")))  # DESIGN.md baseline: 2


def rope_tables(c, positions):
    inv = 1.0 / (c.theta ** (torch.arange(0, c.hd, 2, dtype=torch.float32) / c.hd))
    f = positions[:, None].float() * inv[None, :]
    emb = torch.cat([f, f], -1)
    return emb.cos(), emb.sin()


def rot(x, cos, sin):
    h = x.shape[-1] // 2
    return x * cos + torch.cat([-x[..., h:], x[..., :h]], -1) * sin


def forward(W, c, ids, start, cache, real=None):
    """Logits of ids (B, T) at positions start.., reading/extending cache (list of (k, v)).
    real: (B, S) 1 for real tokens, 0 for left padding (None: no padding)."""
    B, T = ids.shape
    x = W["model.embed_tokens.weight"][ids]
    S = start + T
    mask = torch.full((T, S), float("-inf")).triu(start + 1)
    if real is None:
        cos, sin = rope_tables(c, torch.arange(start, start + T))
    else:
        positions = (real.cumsum(1) - 1).clamp(min=0)[:, start:]  # (B, T)
        cos, sin = rope_tables(c, positions.reshape(-1))
        cos, sin = cos.view(B, 1, T, c.hd), sin.view(B, 1, T, c.hd)
        lowest = torch.finfo(torch.float32).min  # finite, so padded rows stay finite (as in Java)
        mask = mask + torch.where(real[:, None, None, :] > 0, 0.0, lowest)  # (B, 1, T, S)
    for i in range(c.L):
        p = f"model.layers.{i}."
        h = torch_ref.rms(x, W[p + "input_layernorm.weight"], c.eps)
        q = (h @ W[p + "self_attn.q_proj.weight"].T).view(B, T, c.H, c.hd).transpose(1, 2)
        k = (h @ W[p + "self_attn.k_proj.weight"].T).view(B, T, c.KV, c.hd).transpose(1, 2)
        v = (h @ W[p + "self_attn.v_proj.weight"].T).view(B, T, c.KV, c.hd).transpose(1, 2)
        q, k = rot(q, cos, sin), rot(k, cos, sin)
        if cache is not None:
            if len(cache) > i:
                k = torch.cat([cache[i][0], k], 2)
                v = torch.cat([cache[i][1], v], 2)
                cache[i] = (k, v)
            else:
                cache.append((k, v))
        rep = c.H // c.KV
        kk, vv = k.repeat_interleave(rep, 1), v.repeat_interleave(rep, 1)
        att = (q @ kk.transpose(-1, -2)) / math.sqrt(c.hd) + mask
        o = (att.softmax(-1) @ vv).transpose(1, 2).reshape(B, T, c.H * c.hd)
        x = x + o @ W[p + "self_attn.o_proj.weight"].T
        h = torch_ref.rms(x, W[p + "post_attention_layernorm.weight"], c.eps)
        g = h @ W[p + "mlp.gate_proj.weight"].T
        u = h @ W[p + "mlp.up_proj.weight"].T
        x = x + (torch.nn.functional.silu(g) * u) @ W[p + "mlp.down_proj.weight"].T
    x = torch_ref.rms(x, W["model.norm.weight"], c.eps)
    head = W["model.embed_tokens.weight"] if c.tied else W["lm_head.weight"]
    return x @ head.T


def main(folder, batch, seq, prompt_len, new, reps, gen_batch, gen_batch_new):
    c = torch_ref.Cfg(json.load(open(os.path.join(folder, "config.json"))))
    W = torch_ref.load_safetensors(os.path.join(folder, "model.safetensors"))
    b, t = torch.arange(batch)[:, None], torch.arange(seq)[None, :]
    ids = (7 * b + 13 * t + t * t) % c.V  # the same ids as ModelBench.java
    mask = torch.zeros(batch, seq - 1)
    mask[:, seq // 4 - 1:] = 1
    prompt = (torch.arange(1, prompt_len + 1) % c.V)[None, :]  # the same prompt as ModelBench.java

    def score():
        lp = forward(W, c, ids, 0, None)[:, :-1].log_softmax(-1).gather(-1, ids[:, 1:, None])[..., 0]
        return (lp * mask).sum(-1)

    def generate(n):
        cache = []
        logits = forward(W, c, prompt, 0, cache)
        out = []
        pos = prompt_len
        for _ in range(n):
            nxt = logits[:, -1].argmax(-1, keepdim=True)
            out.append(int(nxt))
            logits = forward(W, c, nxt, pos, cache)
            pos += 1
        return out

    # the same prompts as ModelBench.java: row r has PROMPT - (r % 4) tokens (r + 1 + i) % V
    lengths = [prompt_len - (r % 4) for r in range(gen_batch)]
    longest = max(lengths)
    padded = torch.zeros(gen_batch, longest, dtype=torch.long)
    real = torch.zeros(gen_batch, longest, dtype=torch.long)
    for r, n in enumerate(lengths):
        padded[r, longest - n:] = (torch.arange(n) + 1 + r) % c.V
        real[r, longest - n:] = 1

    def generate_batch(n):
        cache = []
        mask = real
        logits = forward(W, c, padded, 0, cache, mask)
        out = []
        pos = longest
        for _ in range(n):
            nxt = logits[:, -1].argmax(-1, keepdim=True)  # (B, 1)
            out.append(nxt)
            mask = torch.cat([mask, torch.ones(gen_batch, 1, dtype=torch.long)], 1)
            logits = forward(W, c, nxt, pos, cache, mask)
            pos += 1
        return torch.cat(out, 1)  # (B, n)

    with torch.no_grad():
        score(); generate(8); generate_batch(4)
        st, gt, bt = [], [], []
        for _ in range(reps):
            t0 = time.perf_counter(); logp_sum = float(score().sum()); st.append(time.perf_counter() - t0)
            t0 = time.perf_counter(); tokens = generate(new); gt.append(time.perf_counter() - t0)
            t0 = time.perf_counter(); batch_tokens = generate_batch(gen_batch_new); bt.append(time.perf_counter() - t0)
    st.sort(); gt.sort(); bt.sort()
    s, gen, gen_b = st[len(st) // 2], gt[len(gt) // 2], bt[len(bt) // 2]
    print(json.dumps({"impl": "pytorch-" + torch.__version__, "params": sum(t.numel() for t in W.values()),
                      "score_s": round(s, 4), "score_tokens_per_s": round(batch * seq / s),
                      "gen_s": round(gen, 4), "gen_tokens_per_s": round(new / gen, 1),
                      "gen_head": tokens[:8], "score_logp_sum": round(logp_sum, 4),
                      "gen_batch_s": round(gen_b, 4),
                      "gen_batch_tokens_per_s": round(gen_batch * gen_batch_new / gen_b, 1),
                      "gen_batch_heads": [batch_tokens[0, :8].tolist(), batch_tokens[-1, :8].tolist()]}))


if __name__ == "__main__":
    main(sys.argv[1], *map(int, sys.argv[2:9]))
