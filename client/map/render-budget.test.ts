import { describe, expect, it } from 'vitest';
import { FLY_MS, flyMs, isSoftwareRenderer, MOVING_RESOLUTION, renderBudget } from './render-budget';

describe('isSoftwareRenderer', () => {
  it('knows the CPU renderers Chrome and Firefox report', () => {
    expect(isSoftwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (Mesa, llvmpipe (LLVM 15.0.6, 256 bits), OpenGL 4.5)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe(true);
  });

  it('leaves GPUs alone', () => {
    expect(isSoftwareRenderer('ANGLE (Intel, Intel(R) UHD Graphics 630 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe(false);
    expect(isSoftwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce GTX 1650 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe(false);
    expect(isSoftwareRenderer('Mali-G78')).toBe(false);
    expect(isSoftwareRenderer('')).toBe(false);
  });
});

describe('renderBudget', () => {
  it('turns every tactic on for a software renderer', () => {
    expect(renderBudget('ANGLE (Mesa, llvmpipe (LLVM 15.0.6, 256 bits), OpenGL 4.5)')).toEqual({
      software: true,
      movingResolution: MOVING_RESOLUTION,
      holdTiles: true,
    });
  });

  it('holds nothing back on a GPU, nor when the renderer does not say', () => {
    const none = { software: false, movingResolution: 1, holdTiles: false };
    expect(renderBudget('ANGLE (NVIDIA, NVIDIA GeForce GTX 1650 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toEqual(none);
    expect(renderBudget('')).toEqual(none);
  });

  it('flies for FLY_MS, and not at all for reduced motion', () => {
    expect(flyMs(false)).toBe(FLY_MS);
    expect(flyMs(true)).toBe(0);
  });
});
