"""Plain PyTorch side of the student sizes in bench/train-bench.sh: one SFT or CogPO step of the
miniature experiment's student, the same work as StudentStepBench.java.

  student_step.py sft|cogpo ROWS SEQ STEPS

Student: Qwen2-shaped, 4 layers, width 96, 4 heads over 2 key/value heads, MLP 256, vocabulary 99,
tied embeddings, q/k/v bias (416,640 parameters), the forward of ../shared/bench/torch_ref.py.
ROWS rows of SEQ random tokens, a quarter prompt; SFT: mean NLL per completion token; CogPO:
ROWS / 2 pairs, policy forward + backward and a frozen reference forward, sigmoid loss with a beta
per pair. AdamW (lr 1e-3), median of STEPS timed steps after two warm-up steps, THREADS torch
threads (1 by default, as `cogalign train --threads 1`)."""
import json, os, sys, time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "bench"))
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
import torch_ref  # noqa: E402

L, D, H, KV, I, V = 4, 96, 4, 2, 256, 99


def init(c, seed):
    g = torch.Generator().manual_seed(seed)
    W = {"model.embed_tokens.weight": torch.randn(V, D, generator=g) * 0.02, "model.norm.weight": torch.ones(D)}
    for i in range(L):
        p = f"model.layers.{i}."
        for n, shp in [("self_attn.q_proj", (H * c.hd, D)), ("self_attn.k_proj", (KV * c.hd, D)),
                       ("self_attn.v_proj", (KV * c.hd, D)), ("self_attn.o_proj", (D, H * c.hd)),
                       ("mlp.gate_proj", (I, D)), ("mlp.up_proj", (I, D)), ("mlp.down_proj", (D, I))]:
            W[p + n + ".weight"] = torch.randn(*shp, generator=g) * 0.02
        for n, size in [("self_attn.q_proj", H * c.hd), ("self_attn.k_proj", KV * c.hd), ("self_attn.v_proj", KV * c.hd)]:
            W[p + n + ".bias"] = torch.zeros(size)
        W[p + "input_layernorm.weight"] = torch.ones(D)
        W[p + "post_attention_layernorm.weight"] = torch.ones(D)
    return W


def main(method, rows, T, steps):
    torch.set_num_threads(int(os.environ.get("THREADS", "1")))
    c = torch_ref.Cfg(dict(vocab_size=V, hidden_size=D, num_hidden_layers=L, num_attention_heads=H,
                           num_key_value_heads=KV, intermediate_size=I, tie_word_embeddings=True))
    torch.manual_seed(0)
    Wp, Wr = init(c, 1), init(c, 1)
    for t in Wp.values():
        t.requires_grad_(True)
    opt = torch.optim.AdamW(list(Wp.values()), lr=1e-3, weight_decay=0.0)
    ids = torch.randint(3, V, (rows, T))
    mask = torch.zeros(rows, T - 1)
    mask[:, T // 4 - 1:] = 1  # entry t scores token t + 1: the completion's tokens
    pairs = rows // 2
    beta = torch.rand(pairs) + 0.1

    def logps(W):
        lp = torch_ref.forward(W, c, ids)[:, :-1].log_softmax(-1).gather(-1, ids[:, 1:, None])[..., 0]
        return (lp * mask).sum(-1)

    times = []
    for s in range(steps + 2):
        t0 = time.perf_counter()
        lp = logps(Wp)
        if method == "sft":
            loss = -lp.sum() / mask.sum()
        else:
            with torch.no_grad():
                r = logps(Wr)
            d = (lp[:pairs] - lp[pairs:]) - (r[:pairs] - r[pairs:])
            loss = -F.logsigmoid(beta * d).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        if s >= 2:
            times.append(time.perf_counter() - t0)
    times.sort()
    print(json.dumps({"impl": "pytorch-" + torch.__version__, "method": method,
                      "params": sum(t.numel() for t in Wp.values()), "rows": rows, "seq": T,
                      "step_s": round(times[len(times) // 2], 4)}))


if __name__ == "__main__":
    main(sys.argv[1], *map(int, sys.argv[2:5]))
